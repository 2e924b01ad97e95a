// A short per-process cache of session lookups, so an authenticated request usually costs
// no database round trip before its procedure runs. Revocation does not wait for the entry
// to run out: the database NOTIFYs 'session:<id>' / 'user:<id>' on every ending or account
// change (migration session_change_notifications) and the host passes them to invalidate().
import { LRUCache } from "lru-cache";
import { type SessionUser } from "../../context";

/** What a lookup found: the session, its deadline and its user (never a secret). */
export type CachedSession = { id: string; expiresAt: Date; user: SessionUser };

export type SessionCache = {
  get(sessionId: string, load: () => Promise<CachedSession | null>): Promise<CachedSession | null>;
  /** 'session:<id>', 'user:<id>' or '*' (everything). */
  invalidate(key: string): void;
};

/** No caching: every request looks its session up (tests, scripts, SESSION_CACHE_MS=0). */
export const uncachedSessions: SessionCache = {
  get: (_id, load) => load(),
  invalidate: () => {},
};

export function createSessionCache(
  options: { ttlMs: number; maxEntries?: number; now?: () => number } = { ttlMs: 3_000 },
): SessionCache {
  if (options.ttlMs <= 0) return uncachedSessions;
  const now = options.now ?? Date.now;
  type Entry = { at: number; value: Promise<CachedSession | null>; userId?: string };
  const entries = new LRUCache<string, Entry>({ max: options.maxEntries ?? 10_000 });
  // Bumped by every invalidation: a lookup that started before one may have read the row
  // the invalidation was about, so its answer is used once and not kept.
  let epoch = 0;
  const forget = (sessionId: string, entry: Entry) => {
    if (entries.peek(sessionId) === entry) entries.delete(sessionId);
  };
  return {
    get(sessionId, load) {
      const hit = entries.get(sessionId);
      if (hit && now() - hit.at < options.ttlMs) return hit.value;
      const started = epoch;
      const entry: Entry = { at: now(), value: load() };
      entries.set(sessionId, entry);
      entry.value.then(
        (found) => {
          if (!found || epoch !== started) forget(sessionId, entry);
          else entry.userId = found.user.id;
        },
        () => forget(sessionId, entry),
      );
      return entry.value;
    },
    invalidate(key) {
      epoch += 1;
      if (key === "*") return entries.clear();
      const [kind, id] = key.split(":");
      if (kind === "session" && id) entries.delete(id);
      if (kind === "user" && id) {
        for (const [sessionId, e] of entries.entries()) {
          if (e.userId === id) entries.delete(sessionId);
        }
      }
    },
  };
}
