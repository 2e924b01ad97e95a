// A per-process cache of what a seat map is computed from: the showtime, its hall's seats
// and its live reserved seats. States are derived per request (so holds expire on time and
// MINE is per viewer). Invalidation comes from the database: triggers NOTIFY
// 'showtime:<id>' / 'hall:<id>' on every relevant change, delivered to every server process
// on commit; a short TTL bounds staleness should a notification ever be missed.
export type CachedSeat = {
  id: string;
  row: string;
  number: number;
  kind: "STANDARD" | "PREMIUM" | "WHEELCHAIR" | "COMPANION";
  x: number;
  y: number;
};

export type CachedSeatMap = {
  showtime: {
    id: string;
    hallId: string;
    status: "SCHEDULED" | "CANCELLED";
    startsAt: Date;
    currency: string;
    priceStandard: number;
    pricePremium: number;
    priceWheelchair: number;
    priceCompanion: number;
  };
  seats: CachedSeat[];
  live: { seatId: string; userId: string | null; status: string; holdExpiresAt: Date | null }[];
};

export type SeatMapCache = {
  get(showtimeId: string, load: () => Promise<CachedSeatMap | null>): Promise<CachedSeatMap | null>;
  /** 'showtime:<id>', 'hall:<id>' or '*' (everything). */
  invalidate(key: string): void;
};

/** No caching: every read goes to the database (tests, scripts). */
export const uncachedSeatMaps: SeatMapCache = {
  get: (_id, load) => load(),
  invalidate: () => {},
};

export function createSeatMapCache(
  options: { ttlMs?: number; now?: () => number } = {},
): SeatMapCache {
  const ttl = options.ttlMs ?? 2_000;
  const now = options.now ?? Date.now;
  type Entry = { at: number; value: Promise<CachedSeatMap | null>; hallId?: string };
  const entries = new Map<string, Entry>();
  return {
    get(showtimeId, load) {
      const hit = entries.get(showtimeId);
      if (hit && now() - hit.at < ttl) return hit.value;
      // Concurrent misses share one load.
      const entry: Entry = { at: now(), value: load() };
      entries.set(showtimeId, entry);
      entry.value.then(
        (v) => {
          if (v) entry.hallId = v.showtime.hallId;
        },
        () => entries.delete(showtimeId),
      );
      return entry.value;
    },
    invalidate(key) {
      if (key === "*") return entries.clear();
      const [kind, id] = key.split(":");
      if (kind === "showtime" && id) entries.delete(id);
      if (kind === "hall" && id) {
        for (const [showtimeId, e] of entries) if (e.hallId === id) entries.delete(showtimeId);
      }
    },
  };
}
