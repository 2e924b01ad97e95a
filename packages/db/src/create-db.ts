import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PrismaPg } from "@prisma/adapter-pg";
import { type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/prisma/client";
import { createPgSchemaEngineAdapter } from "./pg-schema-engine-adapter";

export type Provider = "pglite" | "postgresql";

export type Database = {
  prisma: PrismaClient;
  provider: Provider;
  /** A printable description of where the data lives (never contains a password). */
  location: string;
  /** A factory for the schema engine (migrations) on the same database. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
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
  | { provider: "pglite"; dataDir: string | null }
  | { provider: "postgresql"; url: string };

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

export async function createPGlite(dataDir: string | null): Promise<PGlite> {
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
  const options = { extensions: { btree_gist } };
  const pglite = dataDir === null ? new PGlite(options) : new PGlite(dataDir, options);
  await pglite.waitReady;
  return pglite;
}

export async function createDb(
  url?: string,
  options: { poolSize?: number; cwd?: string } = {},
): Promise<Database> {
  const parsed = parseDatabaseUrl(url, options.cwd);
  if (parsed.provider === "pglite") {
    const pglite = await createPGlite(parsed.dataDir);
    const adapterFactory = new PrismaPGlite(pglite);
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return {
      prisma,
      provider: "pglite",
      location: parsed.dataDir === null ? "pglite:memory" : `pglite:${parsed.dataDir}`,
      adapterFactory,
      async close() {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }
  const adapter = new PrismaPg({
    connectionString: parsed.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    provider: "postgresql",
    location: redactUrl(parsed.url),
    adapterFactory: createPgSchemaEngineAdapter(parsed.url),
    async close() {
      await prisma.$disconnect();
    },
  };
}
