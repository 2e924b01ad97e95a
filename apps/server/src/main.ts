// Entry point: validate config, open and migrate the database, seed, serve, shut down cleanly.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  ConfigError,
  createDb,
  loadConfig,
  MigrationError,
  prepareDatabase,
  redactUrl,
  seedOptionsFrom,
  type Config,
  type Database,
} from "@marquee/db";
import {
  apiConfigFrom,
  createSeatMapCache,
  createSharedCounters,
  pruneAttempts,
  sweepExpiredHolds,
} from "@marquee/api";
import pino from "pino";
import { buildApp } from "./app";
import { createResponseCache } from "./response-cache";

function defaultWebDist(): string | null {
  // From the bundle: dist/server/main.js -> dist/public. From source: apps/web/dist.
  for (const candidate of ["../public/", "../../web/dist/"]) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return null;
}

function fail(message: string): never {
  console.error(`marquee: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let env: Config;
  try {
    env = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = pino({ level: env.LOG_LEVEL });

  let db: Database;
  try {
    db = await createDb(env.DATABASE_URL, {
      poolSize: env.DATABASE_POOL_SIZE,
      ...(env.DATABASE_MAX_WAITING === undefined ? {} : { maxWaiting: env.DATABASE_MAX_WAITING }),
      // Requests on a dead connection get a 503; a connection dying idle is only worth a line.
      onConnectionError: (err) => logger.warn({ err }, "database connection lost"),
    });
    await db.prisma.$queryRaw`SELECT 1`;
  } catch (error) {
    fail(`cannot open the database ${redactUrl(env.DATABASE_URL)}: ${(error as Error).message}`);
  }
  try {
    // Under a lock: replicas starting together queue here rather than race.
    const { applied, seeded } = await prepareDatabase({
      db,
      url: env.DATABASE_URL,
      seed: seedOptionsFrom(env, db.provider),
      onWaiting: () => logger.info("waiting for another process to finish migrating and seeding"),
    });
    if (applied.length) logger.info({ applied }, "migrations applied");
    if (seeded?.admin.generatedPassword) {
      // Printed once, on the run that creates the account; it is not stored anywhere else.
      console.log(
        `\n  Admin account created: ${seeded.admin.email} / ${seeded.admin.generatedPassword}\n` +
          "  (set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own)\n",
      );
    }
    if (seeded?.demo) logger.info(seeded.demo, "demo data seeded");
  } catch (error) {
    await db.close();
    fail(
      error instanceof MigrationError
        ? error.message
        : `start-up failed: ${(error as Error).message}`,
    );
  }

  // Seat maps are cached per process; the database tells every process what changed.
  const seatMaps = createSeatMapCache();
  const responseCache = createResponseCache({ paths: ["showtime.seatMap"], ttlMs: 1_000 });
  const unlisten = await db.listen(
    "marquee_seatmap",
    (key) => {
      seatMaps.invalidate(key);
      responseCache.clear();
    },
    () => {
      seatMaps.invalidate("*");
      responseCache.clear();
    },
  );

  // The API's per-address limit, counted across processes (0 turns it off).
  const counters = createSharedCounters({ db: db.prisma });
  const app = await buildApp({
    seatMaps,
    ...(env.RATE_LIMIT_PER_MINUTE > 0
      ? { rateLimit: { counters, perMinute: env.RATE_LIMIT_PER_MINUTE } }
      : {}),
    responseCache,
    db: db.prisma,
    api: apiConfigFrom(env),
    trustProxy: env.TRUST_PROXY,
    publicOrigin: env.PUBLIC_ORIGIN ?? null,
    webDistDir: env.WEB_DIST_DIR ?? defaultWebDist(),
    bodyLimit: env.BODY_LIMIT_BYTES,
    logger: { level: env.LOG_LEVEL },
  });

  // Housekeeping only: throttling windows are computed at read time, so pruning old rows is
  // never needed for correctness.
  const prune = setInterval(
    () => {
      pruneAttempts({ db: db.prisma, now: () => new Date() }, 60 * 60 * 1000).catch(
        (error: unknown) => app.log.warn({ err: error }, "pruning auth attempts failed"),
      );
    },
    10 * 60 * 1000,
  ).unref();

  // Also tidying only: expired holds count as free at read and write time.
  const sweep = setInterval(() => {
    sweepExpiredHolds(db.prisma, new Date()).catch((error: unknown) =>
      app.log.warn({ err: error }, "sweeping expired holds failed"),
    );
  }, 30_000).unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: draining requests");
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      clearInterval(prune);
      clearInterval(sweep);
      await unlisten();
      await app.close(); // stops accepting, waits for in-flight requests
      await counters.close(); // the last counts, for the other processes
      await db.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    const address = await app.listen({ port: env.PORT, host: env.HOST });
    app.log.info({ address, database: db.location }, "Marquee is up");
    const bound = app.server.address();
    const port = bound && typeof bound === "object" ? bound.port : env.PORT;
    const shown = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
    console.log(`  Marquee is running on http://${shown}:${port}\n`);
  } catch (error) {
    await db.close();
    fail(`cannot listen on ${env.HOST}:${env.PORT}: ${(error as Error).message}`);
  }
}

void main();
