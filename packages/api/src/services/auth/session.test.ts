import { describeEachDatabase } from "@marquee/db/testing";
import { describe, expect, it } from "vitest";
import { createUser } from "../../test/factories";
import {
  createSession,
  generateSessionToken,
  invalidateSession,
  invalidateUserSessions,
  SESSION_DAYS,
  sessionIdFromToken,
  signedInUser,
  toSessionUser,
  validateSessionToken,
} from "./session";

const DAY = 24 * 60 * 60 * 1000;

it("generates 160-bit base32 tokens and stores only their SHA-256", () => {
  const tokens = new Set(Array.from({ length: 1000 }, () => generateSessionToken()));
  expect(tokens.size).toBe(1000);
  for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
  const fixed = generateSessionToken(() => new Uint8Array(20));
  expect(fixed).toBe("a".repeat(32));
  // SHA-256("aaaa…a" x32), hex
  expect(sessionIdFromToken(fixed)).toMatch(/^[0-9a-f]{64}$/);
  expect(sessionIdFromToken(fixed)).not.toContain(fixed);
});

describeEachDatabase("sessions", (getDb) => {
  it("validates a fresh session and never stores the token", async () => {
    const { prisma } = getDb();
    const actor = await createUser(prisma);
    const now = new Date();
    const { token, session } = await createSession(prisma, actor.id, now);
    const rows = await prisma.session.findMany({ where: { userId: actor.id } });
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.some((r) => r.id === sessionIdFromToken(token))).toBe(true);
    const result = await validateSessionToken(prisma, token, now);
    expect(result.user).toEqual({
      id: actor.id,
      email: actor.email,
      name: expect.any(String),
      role: "USER",
    });
    expect(result.session?.id).toBe(session.id);
    expect(result.session?.renewed).toBe(false);
    expect(JSON.stringify(result)).not.toMatch(/argon2/);
  });

  it("slides: a session used in the second half of its life is extended", async () => {
    const { prisma } = getDb();
    const actor = await createUser(prisma);
    const start = new Date("2026-01-01T00:00:00Z");
    const { token } = await createSession(prisma, actor.id, start);
    const later = new Date(start.getTime() + (SESSION_DAYS / 2 + 1) * DAY);
    const result = await validateSessionToken(prisma, token, later);
    expect(result.session?.renewed).toBe(true);
    expect(result.session?.expiresAt.getTime()).toBe(later.getTime() + SESSION_DAYS * DAY);
    const row = await prisma.session.findUniqueOrThrow({
      where: { id: sessionIdFromToken(token) },
    });
    expect(row.expiresAt.getTime()).toBe(later.getTime() + SESSION_DAYS * DAY);
  });

  it("rejects and deletes an expired session", async () => {
    const { prisma } = getDb();
    const actor = await createUser(prisma);
    const start = new Date("2026-01-01T00:00:00Z");
    const { token } = await createSession(prisma, actor.id, start);
    const after = new Date(start.getTime() + SESSION_DAYS * DAY);
    expect(await validateSessionToken(prisma, token, after)).toEqual({ session: null, user: null });
    expect(await prisma.session.count({ where: { id: sessionIdFromToken(token) } })).toBe(0);
  });

  it("rejects malformed and unknown tokens", async () => {
    const { prisma } = getDb();
    for (const token of [
      "",
      "short",
      "A".repeat(32),
      `${"a".repeat(31)}!`,
      generateSessionToken(),
    ]) {
      expect(await validateSessionToken(prisma, token, new Date())).toEqual({
        session: null,
        user: null,
      });
    }
  });

  it("invalidates one session, or all of a user's but the current one", async () => {
    const { prisma } = getDb();
    const actor = await createUser(prisma);
    const now = new Date();
    const a = await createSession(prisma, actor.id, now);
    const b = await createSession(prisma, actor.id, now);
    await invalidateSession(prisma, a.session.id);
    expect((await validateSessionToken(prisma, a.token, now)).user).toBeNull();
    expect((await validateSessionToken(prisma, b.token, now)).user).not.toBeNull();
    const ended = await invalidateUserSessions(prisma, actor.id, b.session.id);
    expect(ended).toBe(1); // the fixture's own session
    expect((await validateSessionToken(prisma, b.token, now)).user).not.toBeNull();
    expect(await invalidateUserSessions(prisma, actor.id)).toBe(1);
    expect((await validateSessionToken(prisma, b.token, now)).user).toBeNull();
  });
});

describe("roles", () => {
  it("never reads a role it does not know as USER", () => {
    const user = { id: "u1", email: "a@example.com", name: "A" };
    expect(toSessionUser({ ...user, role: "ADMIN" })?.role).toBe("ADMIN");
    expect(toSessionUser({ ...user, role: "SUPERUSER" })).toBeNull();
    expect(() => signedInUser({ ...user, role: "SUPERUSER" })).toThrow(/role/);
  });
});
