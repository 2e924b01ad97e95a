import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PrismaPg } from "@prisma/adapter-pg";
import { type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/prisma/client";
import { createPgListener, type PgListener } from "./listener";
import { createPgSchemaEngineAdapter } from "./pg-schema-engine-adapter";
import { lockPgliteFolder } from "./pglite-lock";
import { createPool } from "./pool";

export type Provider = "pglite" | "postgresql";

export type Database = {
  prisma: PrismaClient;
  provider: Provider;
  /** A printable description of where the data lives (never contains a password). */
  location: string;
  /** A factory for the schema engine (migrations) on the same database. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * Runs a multi-statement SQL script in one transaction: all of it or none of it. The
   * migration engine's own script execution through the driver adapters is neither atomic
   * nor reliable (PGlite's swallows errors; pg's splits on every semicolon).
   */
  executeScript(sql: string): Promise<void>;
  /**
   * Subscribes to NOTIFY on a channel (delivered on commit, from any process on the same
   * database). `onReset` is called when notifications may have been missed (reconnect), so
   * a cache can drop everything. Returns the unsubscribe function.
   */
  listen: PgListener["listen"];
  close(): Promise<void>;
  /** PGlite only: the in-process engine (tests wrap it to count statements). */
  pglite?: PGlite;
  /** PostgreSQL only: the pool's connections right now (for metrics). */
  poolStats?: () => { total: number; idle: number; waiting: number };
};

export const DEFAULT_PGLITE_DIR = ".data/pglite";

/** Relative PGlite folders are resolved from the workspace root, wherever a script runs. */
function defaultBase(): string {
  let dir = process.cwd();
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export class DatabaseUrlError extends Error {}

export type ParsedDatabaseUrl =
  { provider: "pglite"; dataDir: string | null } | { provider: "postgresql"; url: string };

/**
 * No URL or `pglite:<dir>`: embedded PGlite persisted in <dir> (default .data/pglite);
 * `pglite:memory`: in-memory PGlite; `postgres://` / `postgresql://`: PostgreSQL.
 */
export function parseDatabaseUrl(url: string | undefined, cwd = defaultBase()): ParsedDatabaseUrl {
  if (url === undefined || url === "") {
    return { provider: "pglite", dataDir: resolve(cwd, DEFAULT_PGLITE_DIR) };
  }
  if (url.startsWith("pglite:")) {
    const rest = url.slice("pglite:".length).replace(/^\/\/(?=\/)/, "");
    if (rest === "memory" || rest === "memory://") return { provider: "pglite", dataDir: null };
    if (rest === "") throw new DatabaseUrlError("pglite: needs a folder, e.g. pglite:.data/pglite");
    return { provider: "pglite", dataDir: resolve(cwd, rest) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new DatabaseUrlError("is not a valid postgres:// URL");
    }
    return { provider: "postgresql", url };
  }
  throw new DatabaseUrlError(
    "must be postgres://…, postgresql://…, pglite:<folder> or pglite:memory",
  );
}

/** Hides the password of a PostgreSQL URL for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<invalid url>";
  }
}

export function pgliteScriptRunner(pglite: PGlite): (sql: string) => Promise<void> {
  return async (sql) => {
    await pglite.transaction(async (tx) => {
      await tx.exec(sql);
    });
  };
}

/** Closing twice is harmless (tests and shutdown paths may both close). */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

export async function createPGlite(dataDir: string | null): Promise<PGlite> {
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
  const options = { extensions: { btree_gist } };
  const pglite = dataDir === null ? new PGlite(options) : new PGlite(dataDir, options);
  await pglite.waitReady;
  return pglite;
}

export const DEFAULT_POOL_SIZE = 10;
/**
 * Without a setting, this many requests per connection may queue before the rest get "busy".
 * The 5 s connection timeout still bounds how long any of them waits; the bound on the line
 * is about memory and about answering a hopeless request at once. Opening night sends a
 * thousand clients at one seat within a second (the benchmark's hot seat), each needing two
 * checkouts (session, hold) of a millisecond or two: a line of 200 per connection takes them
 * all, and drains in well under a second on a healthy database.
 */
export const DEFAULT_WAITING_PER_CONNECTION = 200;

export type CreateDbOptions = {
  cwd?: string;
  /** PostgreSQL only: connections in the pool. */
  poolSize?: number;
  /** PostgreSQL only: requests that may wait for a connection (default 50 per connection). */
  maxWaiting?: number;
  /** PostgreSQL only: how long a request waits for a connection. */
  connectionTimeoutMillis?: number;
  /** PostgreSQL only: told when a connection dies with no request on it (to log it). */
  onConnectionError?: (error: Error) => void;
};

export async function createDb(url?: string, options: CreateDbOptions = {}): Promise<Database> {
  const parsed = parseDatabaseUrl(url, options.cwd);
  if (parsed.provider === "pglite") {
    const folderLock = lockPgliteFolder(parsed.dataDir); // one process per folder
    const pglite = await createPGlite(parsed.dataDir).catch((error: unknown) => {
      folderLock.release();
      throw error;
    });
    const adapterFactory = new PrismaPGlite(pglite);
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return {
      prisma,
      pglite,
      provider: "pglite",
      location: parsed.dataDir === null ? "pglite:memory" : `pglite:${parsed.dataDir}`,
      adapterFactory,
      executeScript: pgliteScriptRunner(pglite),
      listen: (channel, onMessage) => pglite.listen(channel, onMessage).then((off) => () => off()),
      close: once(async () => {
        await prisma.$disconnect();
        await pglite.close();
        folderLock.release();
      }),
    };
  }
  const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
  const pool = createPool({
    connectionString: parsed.url,
    size: poolSize,
    maxWaiting: options.maxWaiting ?? DEFAULT_WAITING_PER_CONNECTION * poolSize,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    ...(options.onConnectionError ? { onError: options.onConnectionError } : {}),
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Every channel shares one LISTEN connection, opened with the first subscriber.
  const listener = createPgListener(parsed.url, { applicationName: "marquee-listen" });
  return {
    prisma,
    provider: "postgresql",
    location: redactUrl(parsed.url),
    adapterFactory: createPgSchemaEngineAdapter(parsed.url),
    executeScript: async (sql) => {
      const client = new pg.Client({
        connectionString: parsed.url,
        connectionTimeoutMillis: 5_000,
      });
      await client.connect();
      try {
        // Simple-query protocol: the whole script in one round trip, inside one transaction.
        await client.query(`BEGIN;\n${sql}\n;COMMIT;`);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        await client.end();
      }
    },
    listen: (channel, onMessage, onReset) => listener.listen(channel, onMessage, onReset),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    // PrismaPg leaves a pool it was given open: end it, or its sockets keep the process alive.
    close: once(async () => {
      await listener.close();
      await prisma.$disconnect();
      await pool.end();
    }),
  };
}
