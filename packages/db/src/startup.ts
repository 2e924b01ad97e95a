// Start-up work shared by the server and the CLI: migrate, then seed, under one lock, so that
// several processes starting at once on one database queue instead of racing. The first does
// the work; the others wait, then find nothing left to apply and everything already seeded.
import pg from "pg";
import { parseDatabaseUrl, type Database } from "./create-db";
import { migrate } from "./migrate";
import { seed, type SeedOptions, type SeedResult } from "./seed";

/**
 * A fixed advisory lock key ("MQST"). Distinct from the schema engine's own migration lock
 * (72707369), which covers only applyMigrations, not the diagnosis before it or the seed.
 * Advisory locks are per database, so other databases on the server are not affected.
 */
const STARTUP_LOCK_KEY = 0x4d515354;

/**
 * Runs `fn` while holding the start-up lock of the database at `url`. On PostgreSQL that is a
 * session-level advisory lock on a dedicated connection (migrations and the seed use their
 * own connections and may take longer than any transaction timeout). PGlite needs none: its
 * folder lock already keeps every other process out (see pglite-lock.ts).
 */
export async function withStartupLock<T>(
  url: string | undefined,
  fn: () => Promise<T>,
  onWaiting?: () => void,
): Promise<T> {
  const parsed = parseDatabaseUrl(url);
  if (parsed.provider === "pglite") return fn();
  const client = new pg.Client({ connectionString: parsed.url, connectionTimeoutMillis: 5_000 });
  // If the connection drops, PostgreSQL frees the lock; the work under it stays safe (each
  // migration is one transaction, the seed is idempotent), so only an unhandled 'error'
  // event, which would crash the process, needs preventing.
  client.on("error", () => undefined);
  await client.connect();
  try {
    const tried = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1) AS locked",
      [STARTUP_LOCK_KEY],
    );
    if (!tried.rows[0]?.locked) {
      onWaiting?.();
      await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK_KEY]);
    }
    return await fn();
  } finally {
    // Ending the session releases the lock even if the unlock itself fails.
    await client.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

export type PrepareResult = { applied: string[]; seeded: SeedResult | null };

/**
 * Migrates and, when `seed` is given, seeds the database, under the start-up lock. `url` is
 * the URL `db` was opened with (the lock needs a connection of its own).
 */
export async function prepareDatabase(options: {
  db: Database;
  url: string | undefined;
  seed: SeedOptions | null;
  onWaiting?: () => void;
}): Promise<PrepareResult> {
  const { db } = options;
  return withStartupLock(
    options.url,
    async () => {
      const applied = await migrate(db);
      const seeded = options.seed ? await seed(db.prisma, options.seed) : null;
      return { applied, seeded };
    },
    options.onWaiting,
  );
}
