// Test helpers: every database-touching suite runs on in-memory PGlite, and also on
// PostgreSQL when TEST_DATABASE_URL is set, each test file in a fresh database.
import { afterAll, beforeAll, describe } from "vitest";
import { createDb, type Database, type Provider } from "./create-db";
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
