// Where the migrations come from. From source, packages/db/prisma is read at run time. The
// server's bundle carries them inside main.js instead: apps/server/build.mjs defines
// __MARQUEE_MIGRATIONS__ as readMigrationSource()'s result. So a bundle applies exactly the
// migrations it was built with, and nothing beside it is ever read: turbo restores a cached
// dist/ over the old one without deleting extra files, and a deleted migration left in a
// copied folder was once applied to a real database that way.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { migrationsDir, schemaPath } from "./paths";

export type MigrationPaths = { migrationsDir: string; schemaPath: string };

export const defaultMigrationPaths: MigrationPaths = { migrationsDir, schemaPath };

export const LOCKFILE = "migration_lock.toml";

export const ZMigrationSource = z.object({
  schema: z.object({ path: z.string(), content: z.string() }),
  migrationsDir: z.string(),
  lockfile: z.string().nullable(),
  /** Sorted by name; `sql` is null for a folder without migration.sql (the engine reports it). */
  migrations: z.array(z.object({ name: z.string(), sql: z.string().nullable() })),
});

export type MigrationSource = z.output<typeof ZMigrationSource>;

/** Set by esbuild's `define` in the server's bundle only; absent when running from source. */
declare const __MARQUEE_MIGRATIONS__: unknown;

export function readMigrationSource(
  paths: MigrationPaths = defaultMigrationPaths,
): MigrationSource {
  const dir = paths.migrationsDir;
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const read = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : null);
  return {
    schema: { path: paths.schemaPath, content: readFileSync(paths.schemaPath, "utf8") },
    migrationsDir: dir,
    lockfile: read(join(dir, LOCKFILE)),
    migrations: names.map((name) => ({ name, sql: read(join(dir, name, "migration.sql")) })),
  };
}

/** The migrations of this build: embedded in the bundle, or read from source. */
export function defaultMigrationSource(): MigrationSource {
  return typeof __MARQUEE_MIGRATIONS__ === "undefined"
    ? readMigrationSource()
    : ZMigrationSource.parse(__MARQUEE_MIGRATIONS__);
}
