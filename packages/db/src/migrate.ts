import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { createPGlite, pgliteScriptRunner, type Database } from "./create-db";
import {
  defaultMigrationPaths,
  defaultMigrationSource,
  LOCKFILE,
  readMigrationSource,
  type MigrationPaths,
  type MigrationSource,
} from "./migration-source";
import { emptyFilters, withSchemaEngine } from "./schema-engine";

export type { MigrationPaths, MigrationSource };

export const EMPTY_MIGRATION = "-- This is an empty migration.";

export class MigrationError extends Error {}

/** The database holds applied migrations this build does not have: it was migrated ahead. */
export class UnknownMigrationError extends MigrationError {
  constructor(readonly names: string[]) {
    super(
      `the database holds ${names.length > 1 ? "applied migrations" : "an applied migration"} ` +
        `this build does not know: ${names.join(", ")}. It was migrated by another (newer?) version of ` +
        "Marquee; nothing was applied. Run that version, or restore the missing migration " +
        "folders.",
    );
  }
}

/** Explicit paths are read from disk; without them, the migrations of this build. */
function sourceOf(paths: MigrationPaths | undefined): MigrationSource {
  return paths ? readMigrationSource(paths) : defaultMigrationSource();
}

function migrationsList(source: MigrationSource) {
  return {
    baseDir: source.migrationsDir,
    lockfile: { path: LOCKFILE, content: source.lockfile },
    shadowDbInitScript: "",
    migrationDirectories: source.migrations.map(({ name, sql }) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content:
          sql === null
            ? { tag: "error" as const, value: `${name}/migration.sql is missing` }
            : { tag: "ok" as const, value: sql },
      },
    })),
  };
}

export type MigrationTarget = Pick<Database, "adapterFactory" | "executeScript">;

/**
 * Applies every pending migration (idempotent); returns the names it applied. Each migration
 * runs in one transaction: when one fails, nothing of it stays, it is recorded as rolled
 * back (so a corrected file can be applied next time), and MigrationError names it.
 * A database that holds an applied migration this build does not know is refused first
 * (UnknownMigrationError), as `prisma migrate status` would report it: applying older
 * migrations on top of a schema they never saw is how data gets damaged.
 */
export async function migrate(db: MigrationTarget, paths?: MigrationPaths): Promise<string[]> {
  const source = sourceOf(paths);
  const list = migrationsList(source);
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
    { adapterFactory: db.adapterFactory, schema: source.schema, executeScript },
    async (engine) => {
      // The engine's applyMigrations ignores such rows; its history diagnosis names them.
      const diagnosis = await engine.diagnoseMigrationHistory({
        migrationsList: list,
        optInToShadowDatabase: false,
        filters: emptyFilters,
      });
      const history = diagnosis.history;
      if (history && history.diagnostic !== "databaseIsBehind") {
        throw new UnknownMigrationError(history.unpersistedMigrationNames);
      }
      try {
        const out = await engine.applyMigrations({ migrationsList: list, filters: emptyFilters });
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
  paths?: MigrationPaths,
): Promise<string> {
  const source = sourceOf(paths);
  return withSchemaEngine(
    { adapterFactory: db.adapterFactory, schema: source.schema },
    async (engine, schema) => {
      const result = await engine.diff({
        from: { tag: "schemaDatasource", files: [schema], configDir: source.migrationsDir },
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
  paths: MigrationPaths = defaultMigrationPaths,
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
