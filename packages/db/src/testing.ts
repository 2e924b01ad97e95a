// Test helpers: every database-touching suite runs on in-memory PGlite, and also on
// PostgreSQL when TEST_DATABASE_URL is set, each test file in a fresh database.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe } from "vitest";
import { createDb, type Database, type Provider } from "./create-db";
import { PrismaClient } from "./generated/prisma/client";
import { migrate } from "./migrate";
import { createScratchPostgres } from "./scratch";

export { createScratchPostgres };
export * from "./config-testing";

export function testProviders(): Provider[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgresql"] : ["pglite"];
}

export type TestDatabase = Database & { url: string };

/** A fresh, migrated database of the given provider; close() also drops it. */
export async function createTestDb(
  provider: Provider,
  options: { migrate?: boolean; poolSize?: number } = {},
): Promise<TestDatabase> {
  if (provider === "pglite") {
    const db = await createDb("pglite:memory");
    if (options.migrate !== false) await migrate(db);
    return { ...db, url: "pglite:memory" };
  }
  const scratch = await createScratchPostgres();
  const db = await createDb(scratch.url, { poolSize: options.poolSize ?? 10 });
  try {
    if (options.migrate !== false) await migrate(db);
  } catch (error) {
    await db.close();
    await scratch.drop();
    throw error;
  }
  return {
    ...db,
    url: scratch.url,
    close: (() => {
      let done: Promise<void> | undefined;
      return () =>
        (done ??= (async () => {
          await db.close();
          await scratch.drop();
        })());
    })(),
  };
}

/**
 * `describe` once per test database. The callback receives a getter, valid inside tests
 * and hooks, for that file's migrated database.
 */
export function describeEachDatabase(
  name: string,
  fn: (getDb: () => TestDatabase, provider: Provider) => void,
  options: { migrate?: boolean; poolSize?: number } = {},
): void {
  for (const provider of testProviders()) {
    describe(`${name} [${provider}]`, () => {
      let db: TestDatabase | undefined;
      beforeAll(async () => {
        db = await createTestDb(provider, options);
      }, 120_000);
      afterAll(async () => {
        await db?.close();
      });
      fn(() => {
        if (!db) throw new Error("test database not ready");
        return db;
      }, provider);
    });
  }
}

/**
 * A second client on a test database that records every statement it sends (transaction
 * control included): for tests that count round trips. PostgreSQL counts at the wire client
 * (every `pg` query is one round trip); PGlite counts the calls into the engine.
 */
export async function createCountingClient(db: TestDatabase): Promise<{
  prisma: PrismaClient;
  statements: string[];
  close(): Promise<void>;
}> {
  const statements: string[] = [];
  const record = (sql: unknown) => {
    statements.push(typeof sql === "string" ? sql : JSON.stringify(sql));
  };
  if (db.provider === "postgresql") {
    class CountingClient extends pg.Client {
      override query(...args: unknown[]): never {
        const [first] = args;
        record(typeof first === "object" && first && "text" in first ? first.text : first);
        return (super.query as (...a: unknown[]) => never)(...args);
      }
    }
    const pool = new pg.Pool({ connectionString: db.url, max: 2, Client: CountingClient });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    await prisma.$queryRaw`SELECT 1`;
    statements.length = 0;
    return {
      prisma,
      statements,
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  const pglite = db.pglite;
  if (!pglite) throw new Error("a PGlite test database without its engine");
  const counting = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        const value: unknown = Reflect.get(t, key, receiver);
        if (typeof value !== "function") return value;
        if (key === "query" || key === "exec") {
          return (sql: unknown, ...rest: unknown[]) => {
            record(sql);
            return (value as (...a: unknown[]) => unknown).call(t, sql, ...rest);
          };
        }
        if (key === "transaction") {
          return async (fn: (tx: object) => Promise<unknown>) => {
            record("BEGIN");
            const result = await (value as (f: typeof fn) => Promise<unknown>).call(t, (tx) =>
              fn(counting(tx)),
            );
            record("COMMIT");
            return result;
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(t);
      },
    });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(counting(pglite)) });
  return { prisma, statements, close: () => prisma.$disconnect() };
}
