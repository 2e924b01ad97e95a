// Test helpers for signed-in callers: real users and real sessions in the test database.
import { randomUUID } from "node:crypto";
import { type PrismaClient } from "@marquee/db";
import { createContextInner, type ApiConfig, type Role, type SessionTransport } from "../context";
import { createCaller } from "../root";
import { createSession, validateSessionToken } from "../services/auth/session";

// Every fixture user has this password; it is hashed once per test file.
export const FIXTURE_PASSWORD = "password123";

export type Actor = { id: string; email: string; token: string; role: Role };

let fixtureHash: Promise<string> | undefined;
async function passwordHash(): Promise<string> {
  const { hashPassword } = await import("@marquee/db");
  return (fixtureHash ??= hashPassword(FIXTURE_PASSWORD));
}

export async function createActor(
  db: PrismaClient,
  role: Role = "USER",
  now = new Date(),
): Promise<Actor> {
  const email = `${role.toLowerCase()}-${randomUUID()}@test.marquee`;
  const user = await db.user.create({
    data: { email, name: `${role} ${email.slice(0, 8)}`, role, passwordHash: await passwordHash() },
  });
  const { token } = await createSession(db, user.id, now);
  return { id: user.id, email, token, role };
}

export type CallerOptions = {
  now?: Date;
  config?: Partial<ApiConfig>;
  clientIp?: string;
  transport?: SessionTransport;
};

/** A caller as the given actor (validated through the real session code), or anonymous. */
export async function callerFor(
  db: PrismaClient,
  actor: Actor | null,
  options: CallerOptions = {},
) {
  const now = options.now ?? new Date();
  const auth = actor
    ? await validateSessionToken(db, actor.token, now)
    : { user: null, session: null };
  return createCaller(
    createContextInner({
      db,
      user: auth.user,
      session: auth.session,
      now: () => now,
      ...(options.config ? { config: options.config } : {}),
      ...(options.clientIp ? { clientIp: options.clientIp } : {}),
      ...(options.transport ? { transport: options.transport } : {}),
    }),
  );
}

/** Records what procedures asked the host to do with the session cookie. */
export function recordingTransport() {
  const calls: ({ set: string; expiresAt: Date } | { clear: true })[] = [];
  const transport: SessionTransport = {
    setSession: (token, expiresAt) => calls.push({ set: token, expiresAt }),
    clearSession: () => calls.push({ clear: true }),
  };
  return { transport, calls };
}
