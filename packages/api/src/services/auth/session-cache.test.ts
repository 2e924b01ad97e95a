// The per-process session cache: short-lived, and emptied by the database's notifications
// whatever code path (or process) revoked the session.
import { describeEachDatabase } from "@marquee/db/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callerFor, createUser } from "../../test/factories";
import { invalidateSession, sessionIdFromToken, validateSessionToken } from "./session";
import { type CachedSession, createSessionCache } from "./session-cache";

const session = (id: string, userId: string): CachedSession => ({
  id,
  expiresAt: new Date("2031-01-01T00:00:00Z"),
  user: { id: userId, email: "a@b.c", name: "A", role: "USER" },
});

describe("session cache", () => {
  it("reuses a lookup within its lifetime and looks up again after it", async () => {
    let clock = 0;
    const cache = createSessionCache({ ttlMs: 1_000, now: () => clock });
    const load = vi.fn(async () => session("s1", "u1"));
    await cache.get("s1", load);
    await cache.get("s1", load);
    expect(load).toHaveBeenCalledTimes(1);
    clock = 1_000;
    await cache.get("s1", load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("forgets a session, every session of a user, or everything", async () => {
    const cache = createSessionCache({ ttlMs: 60_000 });
    const loads: string[] = [];
    const get = (id: string, userId: string) =>
      cache.get(id, async () => {
        loads.push(id);
        return session(id, userId);
      });
    await Promise.all([get("s1", "u1"), get("s2", "u1"), get("s3", "u2")]);
    cache.invalidate("session:s3");
    cache.invalidate("session:unknown");
    await Promise.all([get("s1", "u1"), get("s2", "u1"), get("s3", "u2")]);
    expect(loads).toEqual(["s1", "s2", "s3", "s3"]);
    cache.invalidate("user:u1");
    await Promise.all([get("s1", "u1"), get("s2", "u1"), get("s3", "u2")]);
    expect(loads.slice(4)).toEqual(["s1", "s2"]);
    cache.invalidate("*");
    await get("s3", "u2");
    expect(loads.slice(6)).toEqual(["s3"]);
  });

  it("does not keep a lookup that was under way when a revocation arrived", async () => {
    const cache = createSessionCache({ ttlMs: 60_000 });
    let release: (s: CachedSession) => void = () => {};
    const slow = cache.get("s1", () => new Promise((r) => (release = r)));
    cache.invalidate("user:u1"); // the row the lookup reads may already be gone
    release(session("s1", "u1"));
    await slow;
    const load = vi.fn(async () => null);
    expect(await cache.get("s1", load)).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("is off with a lifetime of 0", async () => {
    const cache = createSessionCache({ ttlMs: 0 });
    const load = vi.fn(async () => session("s1", "u1"));
    await cache.get("s1", load);
    await cache.get("s1", load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describeEachDatabase("session change notifications", (getDb) => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it("every revocation path notifies, and a listening cache refuses the session", async () => {
    const db = getDb();
    const heard: string[] = [];
    // A cache that never expires on its own: only a notification can empty it.
    const cache = createSessionCache({ ttlMs: 60_000 });
    stop = await db.listen("marquee_session", (key) => {
      heard.push(key);
      cache.invalidate(key);
    });
    const now = new Date();
    const alice = await createUser(db.prisma);
    const valid = () => validateSessionToken(db.prisma, alice.token, now, cache);
    expect((await valid()).user?.id).toBe(alice.id);
    expect((await valid()).user?.id).toBe(alice.id); // from the cache now

    // Logout in "another process": this cache is not told directly.
    await invalidateSession(db.prisma, sessionIdFromToken(alice.token));
    await vi.waitFor(() => expect(heard).toContain(`session:${sessionIdFromToken(alice.token)}`));
    expect((await valid()).user).toBeNull();

    // A role change, a password change and a deletion notify about the account.
    const bob = await createUser(db.prisma);
    await db.prisma.user.update({ where: { id: bob.id }, data: { role: "ADMIN" } });
    await db.prisma.user.update({ where: { id: bob.id }, data: { passwordHash: "x" } });
    await db.prisma.user.delete({ where: { id: bob.id } });
    await vi.waitFor(() =>
      expect(heard.filter((k) => k === `user:${bob.id}`).length).toBeGreaterThanOrEqual(3),
    );
    // The deletion ends bob's session too (cascade), which also notifies.
    const bobSession = (await db.prisma.session.count({ where: { userId: bob.id } })) === 0;
    expect(bobSession).toBe(true);
  });

  it("a revocation in this process takes effect here at once", async () => {
    const db = getDb();
    const cache = createSessionCache({ ttlMs: 60_000 });
    const alice = await createUser(db.prisma);
    const now = new Date();
    const caller = () => callerFor(db.prisma, alice, { now, sessions: cache });
    expect((await caller().auth.me())?.id).toBe(alice.id);
    await caller().auth.logout();
    // No listener at all here: the logout itself emptied the cache.
    expect((await validateSessionToken(db.prisma, alice.token, now, cache)).user).toBeNull();
  });
});
