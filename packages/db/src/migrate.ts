import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { createPGlite, pgliteScriptRunner, type Database } from "./create-db";
import { migrationsDir as defaultMigrationsDir, schemaPath as defaultSchemaPath } from "./paths";
import { emptyFilters, withSchemaEngine } from "./schema-engine";

export type MigrationPaths = { migrationsDir: string; schemaPath: string };

const defaultPaths: MigrationPaths = {
  migrationsDir: defaultMigrationsDir,
  schemaPath: defaultSchemaPath,
};

const LOCKFILE = "migration_lock.toml";
export const EMPTY_MIGRATION = "-- This is an empty migration.";

export class MigrationError extends Error {}

function migrationsList(dir: string) {
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = join(dir, LOCKFILE);
  return {
    baseDir: dir,
    lockfile: {
      path: LOCKFILE,
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

export type MigrationTarget = Pick<Database, "adapterFactory" | "executeScript">;

/**
 * Applies every pending migration (idempotent); returns the names it applied. Each migration
 * runs in one transaction: when one fails, nothing of it stays, it is recorded as rolled
 * back (so a corrected file can be applied next time), and MigrationError names it.
 */
export async function migrate(
  db: MigrationTarget,
  paths: MigrationPaths = defaultPaths,
): Promise<string[]> {
  let scriptError: unknown = null;
  const executeScript = async (sql: string) => {
    try {
      await db.executeScript(sql);
    } catch (error) {
      scriptError = error;
      throw error;
    }
  };
  return withSchemaEngine(
    { adapterFactory: db.adapterFactory, schemaPath: paths.schemaPath, executeScript },
    async (engine) => {
      try {
        const out = await engine.applyMigrations({
          migrationsList: migrationsList(paths.migrationsDir),
          filters: emptyFilters,
        });
        return out.appliedMigrationNames;
      } catch (error) {
        const raw = error instanceof Error ? error.message : String(error);
        const name = /migration_name="([^"]+)"/.exec(raw)?.[1];
        if (name && scriptError) {
          await engine.markMigrationRolledBack({ migrationName: name }).catch(() => undefined);
          const reason = errorMessage(scriptError);
          throw new MigrationError(`migration ${name} failed and was rolled back: ${reason}`, {
            cause: error,
          });
        }
        throw new MigrationError(`migration failed: ${describeEngineError(error)}`, {
          cause: error,
        });
      }
    },
  );
}

/** SQL that would bring the database to schema.prisma; EMPTY_MIGRATION when in sync. */
export async function diffDatabaseToSchema(
  db: Pick<Database, "adapterFactory">,
  paths: MigrationPaths = defaultPaths,
): Promise<string> {
  return withSchemaEngine(
    { adapterFactory: db.adapterFactory, schemaPath: paths.schemaPath },
    async (engine, schema) => {
      const result = await engine.diff({
        from: { tag: "schemaDatasource", files: [schema], configDir: paths.migrationsDir },
        to: { tag: "schemaDatamodel", files: [schema] },
        script: true,
        exitCode: null,
        filters: emptyFilters,
      });
      return (result.stdout ?? "").trim();
    },
  );
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/\D/g, "").slice(0, 14);
}

/**
 * Writes the next migration from the difference between the existing migrations (applied
 * to a throw-away in-memory PGlite, so no shadow database is needed) and schema.prisma.
 * Returns the folder written, or null when the schema is already in step.
 */
export async function createMigration(
  name: string,
  paths: MigrationPaths = defaultPaths,
  now = new Date(),
): Promise<string | null> {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  if (slug === "") throw new MigrationError("a migration needs a name, e.g. add_showtime_notes");
  const pglite = await createPGlite(null);
  try {
    const scratch = {
      adapterFactory: new PrismaPGlite(pglite),
      executeScript: pgliteScriptRunner(pglite),
    };
    await migrate(scratch, paths);
    const sql = await diffDatabaseToSchema(scratch, paths);
    if (sql === "" || sql === EMPTY_MIGRATION) return null;
    const folder = join(paths.migrationsDir, `${timestamp(now)}_${slug}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "migration.sql"), `${sql}\n`);
    if (!existsSync(join(paths.migrationsDir, LOCKFILE))) {
      writeFileSync(
        join(paths.migrationsDir, LOCKFILE),
        '# Please do not edit this file manually\nprovider = "postgresql"\n',
      );
    }
    return folder;
  } finally {
    await pglite.close();
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error);
}

/** The schema engine reports errors as JSON strings; keep the human part. */
export function describeEngineError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(raw) as { message?: string; error_code?: string };
    if (parsed.message) return parsed.message.split("\n").slice(0, 6).join(" ").trim();
  } catch {
    // not JSON: use as is
  }
  return raw.split("\n").slice(0, 6).join(" ").trim();
}
