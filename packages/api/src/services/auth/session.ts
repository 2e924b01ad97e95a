// Sessions after the Lucia guide (lucia-auth.com, built on @oslojs): the client holds a
// random token; the database holds only its SHA-256 as the session id. Sessions slide: used
// in the second half of their life, they are extended.
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { Prisma, type PrismaClient } from "@marquee/db";
import { parseRole } from "@marquee/domain";
import { type SessionInfo, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { type CachedSession, type SessionCache, uncachedSessions } from "./session-cache";

export const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN_BYTES = 20; // 160 bits of entropy

export const sessionUserSelect = { id: true, email: true, name: true, role: true } as const;

/** What sign-up and sign-in hand back: the user, the token for the client, the session. */
export type SignedIn = { user: SessionUser; token: string; session: SessionInfo };

/**
 * The user as procedures see them, or null when the stored role is one this code does not
 * know (a newer release's role, say): such a session is refused, never treated as USER.
 */
export function toSessionUser(user: {
  id: string;
  email: string;
  name: string;
  role: string;
}): SessionUser | null {
  const role = parseRole(user.role);
  return role ? { id: user.id, email: user.email, name: user.name, role } : null;
}

/** As toSessionUser, for signing in: an unknown role is refused with a clear error. */
export function signedInUser(user: Parameters<typeof toSessionUser>[0]): SessionUser {
  const known = toSessionUser(user);
  if (!known) {
    throw new AppError("FORBIDDEN", "This account has a role this server does not know");
  }
  return known;
}

export function generateSessionToken(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  return encodeBase32LowerCaseNoPadding(random(new Uint8Array(TOKEN_BYTES)));
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export type SessionValidation =
  | { session: SessionInfo & { renewed: boolean }; user: SessionUser }
  | { session: null; user: null };

const none: SessionValidation = { session: null, user: null };

export async function createSession(
  db: PrismaClient,
  userId: string,
  now: Date,
): Promise<{ token: string; session: SessionInfo }> {
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
  const id = sessionIdFromToken(token);
  await db.session.create({ data: { id, userId, expiresAt } });
  return { token, session: { id, expiresAt } };
}

export type SessionLookupRow = {
  id: string;
  expiresAt: Date;
  userId: string;
  email: string;
  name: string;
  role: string;
};
/** The session and its user by session id (also run by the benchmark's floor). */
export const sessionLookupSql = (sessionId: string) => Prisma.sql`
  SELECT s.id, s."expiresAt", u.id AS "userId", u.email, u.name, u.role::text AS role
  FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s.id = ${sessionId}`;

/** A token is only ever base32 of TOKEN_BYTES; anything else is rejected without a query. */
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

/** The session and its user by session id, from the database. */
async function lookupSession(db: PrismaClient, id: string): Promise<CachedSession | null> {
  // One raw round trip (the nested select costs more).
  const [found] = await db.$queryRaw<SessionLookupRow[]>(sessionLookupSql(id));
  const user = found ? toSessionUser({ ...found, id: found.userId }) : null;
  return found && user ? { id: found.id, expiresAt: found.expiresAt, user } : null;
}

export async function validateSessionToken(
  db: PrismaClient,
  token: string,
  now: Date,
  sessions: SessionCache = uncachedSessions,
): Promise<SessionValidation> {
  if (!TOKEN_PATTERN.test(token)) return none;
  const id = sessionIdFromToken(token);
  const row = await sessions.get(id, () => lookupSession(db, id));
  // The lookup is by hash; compare again in constant time so no code path ever compares
  // secrets with an early exit.
  if (!row || !constantTimeEqual(new TextEncoder().encode(row.id), new TextEncoder().encode(id))) {
    return none;
  }
  if (now.getTime() >= row.expiresAt.getTime()) {
    await db.session.deleteMany({ where: { id } });
    sessions.invalidate(`session:${id}`);
    return none;
  }
  let expiresAt = row.expiresAt;
  let renewed = false;
  if (now.getTime() >= row.expiresAt.getTime() - (SESSION_DAYS / 2) * DAY_MS) {
    expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
    await db.session.updateMany({ where: { id }, data: { expiresAt } });
    // The next lookup reads the new deadline.
    sessions.invalidate(`session:${id}`);
    renewed = true;
  }
  const user: SessionUser = row.user;
  return { session: { id, expiresAt, renewed }, user };
}

export async function invalidateSession(db: PrismaClient, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user, except optionally the one making the request. */
export async function invalidateUserSessions(
  db: Pick<PrismaClient, "session">,
  userId: string,
  exceptSessionId?: string,
): Promise<number> {
  const result = await db.session.deleteMany({
    where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
  });
  return result.count;
}
