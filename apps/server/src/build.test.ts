// The production build, as turbo and operators use it: a rebuild starts from an empty folder,
// and the bundle applies the migrations it was built with, never a folder found beside it.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb } from "@marquee/db";
import { readMigrationSource } from "@marquee/db/migration-source";
import { startChildServer } from "./test/start-server";

const serverDir = join(import.meta.dirname, "..");
// Inside the package, so the bundle's external packages resolve from its node_modules; not
// in dist/, which a parallel `pnpm build` may empty.
const outdir = join(serverDir, "node_modules", ".cache", `marquee-build-test-${process.pid}`);
const deleted = "29990101000000_deleted_from_source";

/** What a stale cache restore leaves: a migration folder that no longer exists in source. */
function plantStaleMigration(): void {
  const dir = join(outdir, "prisma", "migrations", deleted);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), 'CREATE TABLE "DeletedFromSource" ("id" INTEGER);\n');
}

beforeAll(async () => {
  plantStaleMigration();
  writeFileSync(join(outdir, "stale.txt"), "from an earlier build");
  await promisify(execFile)(process.execPath, ["build.mjs", "--outdir", outdir], {
    cwd: serverDir,
  });
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

it("a rebuild starts from an empty output folder", () => {
  expect(existsSync(join(outdir, "server", "main.js"))).toBe(true);
  expect(existsSync(join(outdir, "stale.txt"))).toBe(false);
  expect(existsSync(join(outdir, "prisma"))).toBe(false);
});

it("the bundle applies the migrations it was built with, ignoring a stale folder beside it", async () => {
  plantStaleMigration();
  const url = `pglite:${join(mkdtempSync(join(tmpdir(), "marquee-bundle-")), "db")}`;
  const server = await startChildServer(url, {}, { bundle: join(outdir, "server", "main.js") });
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill("SIGTERM");
  await exited;

  const db = await createDb(url);
  try {
    const applied = await db.prisma.$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(applied.map((r) => r.name)).toEqual(readMigrationSource().migrations.map((m) => m.name));
    const stale = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'DeletedFromSource'`;
    expect(Number(stale[0]?.n)).toBe(0);
  } finally {
    await db.close();
  }
}, 120_000);
