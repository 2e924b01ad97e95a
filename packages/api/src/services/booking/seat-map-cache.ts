// A per-process cache of what a seat map is computed from: the showtime, its hall's seats
// and its live reserved seats. States are derived per request (so holds expire on time and
// MINE is per viewer). Invalidation comes from the database: triggers NOTIFY
// 'showtime:<id>' / 'hall:<id>' on every relevant change, delivered to every server process
// on commit; a short TTL bounds staleness should a notification ever be missed.
import { type SeatMapInput } from "@marquee/domain";
import { LRUCache } from "lru-cache";
/** What a seat map is computed from: the showtime, its seats, its live reserved seats. */
export type CachedSeatMap = SeatMapInput;

export type SeatMapCache = {
  get(showtimeId: string, load: () => Promise<CachedSeatMap | null>): Promise<CachedSeatMap | null>;
  /** 'showtime:<id>', 'hall:<id>' or '*' (everything). */
  invalidate(key: string): void;
  /** Showtimes held now (for tests and metrics). */
  size(): number;
};

/** No caching: every read goes to the database (tests, scripts). */
export const uncachedSeatMaps: SeatMapCache = {
  get: (_id, load) => load(),
  invalidate: () => {},
  size: () => 0,
};

/**
 * At most `maxEntries` showtimes are kept, least recently used first out, so any number of
 * distinct ids (real or made up) costs bounded memory; an id that names no showtime is
 * answered and forgotten.
 */
export function createSeatMapCache(
  options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): SeatMapCache {
  const ttl = options.ttlMs ?? 2_000;
  const now = options.now ?? Date.now;
  type Entry = { at: number; value: Promise<CachedSeatMap | null>; hallId?: string };
  const entries = new LRUCache<string, Entry>({ max: options.maxEntries ?? 500 });
  return {
    get(showtimeId, load) {
      const hit = entries.get(showtimeId);
      if (hit && now() - hit.at < ttl) return hit.value;
      // Concurrent misses share one load.
      const entry: Entry = { at: now(), value: load() };
      entries.set(showtimeId, entry);
      const forget = () => {
        if (entries.peek(showtimeId) === entry) entries.delete(showtimeId);
      };
      entry.value.then((v) => {
        if (v) entry.hallId = v.showtime.hallId;
        else forget();
      }, forget);
      return entry.value;
    },
    invalidate(key) {
      if (key === "*") return entries.clear();
      const [kind, id] = key.split(":");
      if (kind === "showtime" && id) entries.delete(id);
      if (kind === "hall" && id) {
        for (const [showtimeId, e] of entries.entries()) {
          if (e.hallId === id) entries.delete(showtimeId);
        }
      }
    },
    size: () => entries.size,
  };
}
