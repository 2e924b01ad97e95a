import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { createPGlite, pgliteScriptRunner } from "./create-db";
import {
  createMigration,
  diffDatabaseToSchema,
  EMPTY_MIGRATION,
  migrate,
  MigrationError,
  UnknownMigrationError,
} from "./migrate";
import { migrationsDir, schemaPath } from "./paths";
import { describeEachDatabase } from "./testing";
import { PrismaPGlite } from "pglite-prisma-adapter";

describeEachDatabase("migrations", (getDb) => {
  it("leave no drift between the migrations and schema.prisma", async () => {
    expect(await diffDatabaseToSchema(getDb())).toBe(EMPTY_MIGRATION);
  });

  it("are idempotent: migrating twice applies nothing and changes nothing", async () => {
    const db = getDb();
    const before = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    expect(await migrate(db)).toEqual([]);
    const after = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    expect(Number(after[0]?.n)).toBe(
      readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).length,
    );
    expect(after).toEqual(before);
    expect(await diffDatabaseToSchema(db)).toBe(EMPTY_MIGRATION);
  });

  it("install the invariants the schema language cannot express", async () => {
    const rows = await getDb().prisma.$queryRaw<{ name: string }[]>`
      SELECT conname AS name FROM pg_constraint WHERE conname = 'Showtime_no_overlap'
      UNION ALL
      SELECT indexname FROM pg_indexes
      WHERE indexname IN ('ReservationSeat_live_key', 'User_email_lower_key', 'Hall_name_lower_key')
      ORDER BY 1`;
    expect(rows.map((r) => r.name)).toEqual([
      "Hall_name_lower_key",
      "ReservationSeat_live_key",
      "Showtime_no_overlap",
      "User_email_lower_key",
    ]);
  });
});

it("createMigration writes nothing when the schema is in step, and the next diff when not", async () => {
  const dir = mkdtempSync(join(tmpdir(), "marquee-migrations-"));
  cpSync(migrationsDir, join(dir, "migrations"), { recursive: true });
  const schema = join(dir, "schema.prisma");
  writeFileSync(schema, readFileSync(schemaPath, "utf8"));
  const paths = { migrationsDir: join(dir, "migrations"), schemaPath: schema };

  expect(await createMigration("nothing", paths)).toBeNull();

  writeFileSync(
    schema,
    readFileSync(schemaPath, "utf8").replace(
      "  rating          String?",
      "  rating          String?\n  trailerUrl      String?",
    ),
  );
  const folder = await createMigration("Add trailer URL", paths, new Date("2030-01-02T03:04:05Z"));
  expect(folder).toBe(join(dir, "migrations", "20300102030405_add_trailer_url"));
  expect(readFileSync(join(folder!, "migration.sql"), "utf8")).toContain(
    'ALTER TABLE "Movie" ADD COLUMN     "trailerUrl" TEXT',
  );

  // The new migration applies cleanly and leaves the database in step with the new schema.
  const pglite = await createPGlite(null);
  const scratch = {
    adapterFactory: new PrismaPGlite(pglite),
    executeScript: pgliteScriptRunner(pglite),
  };
  const existing = readdirSync(migrationsDir, { withFileTypes: true }).filter((d) =>
    d.isDirectory(),
  );
  expect(await migrate(scratch, paths)).toHaveLength(existing.length + 1);
  expect(await diffDatabaseToSchema(scratch, paths)).toBe(EMPTY_MIGRATION);
  await pglite.close();
}, 240_000);

describeEachDatabase("a failed migration", (getDb, provider) => {
  it("stops with a message naming the cause and leaves the database as it was", async () => {
    const db = getDb();
    const dir = mkdtempSync(join(tmpdir(), "marquee-bad-migration-"));
    cpSync(migrationsDir, join(dir, "migrations"), { recursive: true });
    const bad = join(dir, "migrations", "29990101000000_bad");
    mkdirSync(bad);
    writeFileSync(
      join(bad, "migration.sql"),
      'CREATE TABLE "Half" ("id" INTEGER);\nALTER TABLE "Movie" ADD COLUMN "half" TEXT;\nSELECT 1/0;\n',
    );
    const paths = { migrationsDir: join(dir, "migrations"), schemaPath };
    const error = await migrate(db, paths).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/29990101000000_bad/);
    expect((error as Error).message).toMatch(/division by zero/);

    const leftovers = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM information_schema.columns
      WHERE (table_name = 'Half') OR (table_name = 'Movie' AND column_name = 'half')`;
    expect(Number(leftovers[0]?.n), `half-applied migration on ${provider}`).toBe(0);
    expect(await diffDatabaseToSchema(db)).toBe(EMPTY_MIGRATION);

    // Once the file is fixed, the next start applies it.
    writeFileSync(join(bad, "migration.sql"), 'CREATE TABLE "Half" ("id" INTEGER);\n');
    expect(await migrate(db, paths)).toEqual(["29990101000000_bad"]);
    await db.prisma.$executeRawUnsafe('DROP TABLE "Half"');
  });
});

describeEachDatabase("a database migrated by a build with other migrations", (getDb, provider) => {
  it("is refused, naming the unknown migration, and nothing is applied", async () => {
    const db = getDb();
    await db.prisma.$executeRaw`
      INSERT INTO "_prisma_migrations"
        (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
      VALUES ('ghost', 'deadbeef', '20261201000000_from_the_future', now(), now(), 1)`;
    // A migration this build has and the database does not: it must stay unapplied.
    const dir = mkdtempSync(join(tmpdir(), "marquee-unknown-migration-"));
    cpSync(migrationsDir, join(dir, "migrations"), { recursive: true });
    const pending = join(dir, "migrations", "29990101000000_pending");
    mkdirSync(pending);
    writeFileSync(join(pending, "migration.sql"), 'CREATE TABLE "Pending" ("id" INTEGER);\n');

    const error = await migrate(db, { migrationsDir: join(dir, "migrations"), schemaPath }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnknownMigrationError);
    expect((error as UnknownMigrationError).names).toEqual(["20261201000000_from_the_future"]);
    expect((error as Error).message).toMatch(/20261201000000_from_the_future/);

    const rows = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT (SELECT count(*) FROM information_schema.tables WHERE table_name = 'Pending')
           + (SELECT count(*) FROM "_prisma_migrations" WHERE migration_name LIKE '%_pending')
        AS n`;
    expect(Number(rows[0]?.n), `applied anyway on ${provider}`).toBe(0);
  });
});
