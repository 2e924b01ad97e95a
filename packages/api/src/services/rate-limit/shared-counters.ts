// Request counters shared by every server process, for the general per-address rate limit.
// Counting in the database on every request would put a write on every read (the seat map
// is polled by thousands), so each process counts in memory and adds its counts to the
// database every `flushMs`; what it answers is the last total the database gave plus its
// own counts since. Windows are fixed and aligned to the clock, so every process agrees on
// their boundaries. Several processes together may overshoot by what they count within one
// flush interval: a rate limit against floods, not an exact quota (exact limits, such as
// sign-in throttles, count in the database first).
import { type PrismaClient } from "@marquee/db";
import { LRUCache } from "lru-cache";

/** known: the database's last total; inFlight: counts being added now; pending: not yet sent. */
type Entry = { windowStart: number; known: number; inFlight: number; pending: number };

export type SharedCounters = {
  /** Counts one request for `key`; returns the count in the current window and ms left. */
  hit(key: string, windowMs: number): { current: number; ttl: number };
  /** Adds the pending counts to the database now (also done every flushMs). */
  flush(): Promise<void>;
  close(): Promise<void>;
};

export function createSharedCounters(options: {
  db: Pick<PrismaClient, "$queryRaw" | "$executeRaw">;
  flushMs?: number;
  maxKeys?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}): SharedCounters {
  const now = options.now ?? Date.now;
  const entries = new LRUCache<string, Entry>({ max: options.maxKeys ?? 10_000 });
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  let lastPrune = 0;

  const flushOnce = async () => {
    const batch = [...entries.entries()].filter(([, e]) => e.pending > 0);
    if (batch.length === 0) return;
    const counts = batch.map(([, e]) => e.pending);
    // Still counted while on their way: a request answered mid-flush must not see fewer.
    for (const [, e] of batch) {
      e.inFlight += e.pending;
      e.pending = 0;
    }
    const landed = () => batch.forEach(([, e], i) => (e.inFlight -= counts[i] ?? 0));
    let rows: { key: string; windowStart: Date; count: number }[];
    try {
      rows = await options.db.$queryRaw<{ key: string; windowStart: Date; count: number }[]>`
        INSERT INTO "RateLimitCounter" (key, "windowStart", count)
        SELECT * FROM unnest(${batch.map(([k]) => k)}::text[],
                             ${batch.map(([, e]) => new Date(e.windowStart))}::timestamptz[],
                             ${counts}::int[])
        ON CONFLICT (key, "windowStart")
        DO UPDATE SET count = "RateLimitCounter".count + EXCLUDED.count
        RETURNING key, "windowStart", count`;
    } catch (error) {
      // The database is busy or gone: keep counting locally, add these counts next time.
      landed();
      batch.forEach(([, e], i) => (e.pending += counts[i] ?? 0));
      options.onError?.(error);
      return;
    }
    landed();
    for (const row of rows) {
      const entry = entries.peek(row.key);
      if (entry && entry.windowStart === row.windowStart.getTime()) entry.known = row.count;
    }
    if (now() - lastPrune > 60_000) {
      lastPrune = now();
      await options.db.$executeRaw`
        DELETE FROM "RateLimitCounter" WHERE "windowStart" < ${new Date(now() - 3_600_000)}`.catch(
        (error: unknown) => options.onError?.(error),
      );
    }
  };
  const flush = () => (flushing = flushing.then(flushOnce));

  return {
    hit(key, windowMs) {
      const at = now();
      const windowStart = Math.floor(at / windowMs) * windowMs;
      let entry = entries.get(key);
      if (!entry || entry.windowStart !== windowStart) {
        entry = { windowStart, known: 0, inFlight: 0, pending: 0 };
        entries.set(key, entry);
      }
      entry.pending += 1;
      timer ??= setTimeout(() => {
        timer = null;
        void flush();
      }, options.flushMs ?? 250).unref();
      return {
        current: entry.known + entry.inFlight + entry.pending,
        ttl: windowStart + windowMs - at,
      };
    },
    flush,
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      await flush();
    },
  };
}
