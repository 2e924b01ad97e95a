// Entry point: validate config, open and migrate the database, seed, serve, shut down cleanly.
// WORKERS=N (N > 1) runs N serving processes on one port with node:cluster: the primary
// migrates and seeds once, then forks the workers and restarts any that dies.
import cluster from "node:cluster";
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
  countReservations,
  createLiveSeatMaps,
  createSeatMapCache,
  createSessionCache,
  createSharedCounters,
  pendingMails,
  tidy,
  sweepExpiredHolds,
} from "@marquee/api";
import { type Logger } from "pino";
import { buildApp } from "./app";
import { createLogger, loggerOptions } from "./logging";
import { startMail } from "./mail";
import { createShutdown } from "./shutdown";
import {
  describeConnectError,
  isRetryableConnectError,
  retryUntil,
  StartupTimeoutError,
} from "./startup";

function defaultWebDist(): string | null {
  // deploy/main.js -> deploy/public; dist/server/main.js -> dist/public; source: apps/web/dist.
  for (const candidate of ["./public/", "../public/", "../../web/dist/"]) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return null;
}

function fail(message: string): never {
  console.error(`marquee: ${message}`);
  process.exit(1);
}

function loadEnv(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

/**
 * Opens the database, retrying an unreachable one with back-off for DB_CONNECT_TIMEOUT_SECONDS
 * (one plain line per attempt), or stops the process with one clear line.
 */
async function openDb(env: Config, logger: Logger): Promise<Database> {
  const where = redactUrl(env.DATABASE_URL);
  try {
    return await retryUntil({
      timeoutMs: env.DB_CONNECT_TIMEOUT_SECONDS * 1000,
      attempt: async () => {
        const opened = await createDb(env.DATABASE_URL, {
          poolSize: env.DATABASE_POOL_SIZE,
          ...(env.DATABASE_MAX_WAITING === undefined
            ? {}
            : { maxWaiting: env.DATABASE_MAX_WAITING }),
          // Requests on a dead connection get a 503; a connection dying idle is only worth a line.
          onConnectionError: (err) => logger.warn({ err }, "database connection lost"),
        });
        try {
          await opened.prisma.$queryRaw`SELECT 1`;
          return opened;
        } catch (error) {
          await opened.close().catch(() => undefined);
          throw error;
        }
      },
      retryable: isRetryableConnectError,
      onRetry: ({ attempt, error, delayMs }) =>
        console.error(
          `marquee: database ${where} not reachable (attempt ${attempt}: ${describeConnectError(error)}); retrying in ${delayMs / 1000} s`,
        ),
    });
  } catch (error) {
    const last = error instanceof StartupTimeoutError ? error.lastError : (error as Error);
    const tries =
      error instanceof StartupTimeoutError && error.attempts > 1
        ? ` (gave up after ${error.attempts} attempts in ${env.DB_CONNECT_TIMEOUT_SECONDS} s, DB_CONNECT_TIMEOUT_SECONDS)`
        : "";
    fail(`cannot open the database ${where}: ${describeConnectError(last)}${tries}`);
  }
}

/** Migrates and seeds (under the start-up lock), or stops the process with the reason. */
async function prepare(env: Config, db: Database, logger: Logger): Promise<void> {
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
    if (seeded?.admin.passwordIgnored) {
      logger.warn(
        { email: seeded.admin.email },
        "ADMIN_PASSWORD is set but the admin account already exists with another password; it " +
          "was NOT changed. To change it: pnpm admin:reset-password <email> (NEW_PASSWORD=…)",
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
}

/** Serves HTTP in this process (alone, or as one cluster worker). */
async function serve(env: Config, options: { prepare: boolean }): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL);
  const db = await openDb(env, logger);
  if (options.prepare) await prepare(env, db, logger);

  // Seat maps are cached per process; the database tells every process what changed.
  const seatMaps = createSeatMapCache();
  // Live seat maps (SSE) are fed by the same one listener.
  const seatMapFeed = createLiveSeatMaps(
    { db: db.prisma, config: apiConfigFrom(env) },
    { onError: (err) => logger.warn({ err }, "reading a live seat map failed") },
  );
  const unlisten = await db.listen(
    "marquee_seatmap",
    (key) => {
      seatMaps.invalidate(key);
      seatMapFeed.notify(key);
    },
    () => {
      seatMaps.invalidate("*");
      seatMapFeed.notify("*");
    },
  );

  // Sessions are cached briefly per process; the database tells every process of each
  // logout, password or role change and account deletion (on reconnect: forget them all).
  const sessions = createSessionCache({ ttlMs: env.SESSION_CACHE_MS });
  const unlistenSessions = await db.listen(
    "marquee_session",
    (key) => sessions.invalidate(key),
    () => sessions.invalidate("*"),
  );

  // The API's per-address limit, counted across processes (0 turns it off).
  const counters = createSharedCounters({ db: db.prisma });
  const shutdown = createShutdown({
    graceMs: env.SHUTDOWN_GRACE_SECONDS * 1000,
    log: (message, fields) => app.log.info(fields ?? {}, message),
    close: async () => {
      clearInterval(prune);
      clearInterval(sweep);
      await unlisten();
      await unlistenSessions();
      // Streams are cut, not ended, so that browsers reconnect to a process that stays up.
      await app.close(); // cuts live streams, stops accepting, waits for in-flight requests
      seatMapFeed.close();
      await mail.stop(); // finishes the mails in hand
      await counters.close(); // the last counts, for the other processes
      await db.close();
    },
  });
  const app = await buildApp({
    seatMaps,
    sessions,
    seatMapFeed,
    liveStreams: { perProcess: env.MAX_LIVE_STREAMS, perAddress: env.MAX_LIVE_STREAMS_PER_ADDRESS },
    ...(env.RATE_LIMIT_PER_MINUTE > 0
      ? { rateLimit: { counters, perMinute: env.RATE_LIMIT_PER_MINUTE } }
      : {}),
    db: db.prisma,
    api: apiConfigFrom(env),
    trustProxy: env.TRUST_PROXY,
    publicOrigin: env.PUBLIC_ORIGIN ?? null,
    webDistDir: env.WEB_DIST_DIR ?? defaultWebDist(),
    bodyLimit: env.BODY_LIMIT_BYTES,
    logger: loggerOptions(env.LOG_LEVEL),
    isDraining: () => shutdown.draining,
    corsOrigins: env.CORS_ORIGINS ?? [],
    ...(env.METRICS_TOKEN
      ? {
          metrics: {
            token: env.METRICS_TOKEN,
            pool: () => db.poolStats?.() ?? null,
            reservations: () => countReservations(db.prisma, new Date()),
            gauges: [
              {
                name: "marquee_outbox_depth",
                help: "Mails waiting to be sent (the outbox)",
                read: () => pendingMails(db.prisma),
              },
            ],
          },
        }
      : {}),
  });

  // Housekeeping only (windows and expiry are decided at read time): old throttle attempts,
  // dead sessions and reset tokens, and mails finished a month ago are deleted.
  const prune = setInterval(
    () => {
      tidy(db.prisma, new Date()).catch((error: unknown) =>
        app.log.warn({ err: error }, "housekeeping failed"),
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

  const mail = await startMail(db.prisma, env, app.log);

  process.on("SIGINT", () => shutdown.signal("SIGINT"));
  process.on("SIGTERM", () => shutdown.signal("SIGTERM"));

  try {
    const address = await app.listen({ port: env.PORT, host: env.HOST });
    app.log.info({ address, database: db.location }, "Marquee is up");
    // In a cluster the primary says it once, when every worker listens.
    if (cluster.isWorker) return;
    const bound = app.server.address();
    console.log(`  Marquee is running on ${shownUrl(env, bound)}\n`);
  } catch (error) {
    await db.close();
    fail(`cannot listen on ${env.HOST}:${env.PORT}: ${(error as Error).message}`);
  }
}

function shownUrl(env: Config, bound: string | { port: number } | null): string {
  const port = bound && typeof bound === "object" ? bound.port : env.PORT;
  const shown = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  return `http://${shown}:${port}`;
}

/**
 * The cluster's primary: migrates and seeds once, forks the workers (which share the port),
 * replaces a worker that dies once all have started, and passes SIGTERM/SIGINT on so that
 * every worker drains its requests before the primary exits.
 */
async function runPrimary(env: Config): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL);
  if (!env.DATABASE_URL.startsWith("postgres")) {
    fail(`WORKERS=${env.WORKERS} needs a PostgreSQL DATABASE_URL: PGlite serves one process`);
  }
  const db = await openDb(env, logger);
  await prepare(env, db, logger);
  await db.close();

  let closing = false;
  let started = false;
  const listening = new Set<number>();
  const alive = new Set<number>();
  const fork = () => alive.add(cluster.fork().id);
  cluster.on("listening", (worker, address) => {
    listening.add(worker.id);
    if (started || listening.size < env.WORKERS) return;
    started = true;
    logger.info({ workers: env.WORKERS }, "every worker is listening");
    console.log(`  Marquee is running on ${shownUrl(env, address)} (${env.WORKERS} workers)\n`);
  });
  cluster.on("exit", (worker, code, signal) => {
    listening.delete(worker.id);
    alive.delete(worker.id);
    if (closing) {
      if (alive.size === 0) process.exit(0);
      return;
    }
    if (!started) {
      // A worker that cannot start will not start on a second try either (its reason is
      // already on stderr): stop everything rather than loop.
      logger.error({ code, signal }, "a worker failed to start");
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      process.exit(1);
    }
    logger.warn({ pid: worker.process.pid, code, signal }, "worker died: starting another");
    fork();
  });
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down the workers");
    setTimeout(() => process.exit(1), 15_000).unref();
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const w of workers) w?.process.kill("SIGTERM");
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  for (let i = 0; i < env.WORKERS; i += 1) fork();
}

async function main(): Promise<void> {
  const env = loadEnv();
  if (cluster.isPrimary && env.WORKERS > 1) return runPrimary(env);
  // A worker's primary has migrated and seeded already.
  await serve(env, { prepare: cluster.isPrimary });
}

void main();
