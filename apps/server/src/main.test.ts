// Start-up as an operator sees it: the real entry point in a child process.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDb, migrate } from "@marquee/db";

type Run = { code: number | null; stdout: string; stderr: string };

function runMain(env: Record<string, string>, untilReady = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: join(import.meta.dirname, ".."),
      env: { PATH: process.env.PATH, LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (untilReady && stdout.includes("Marquee is running")) child.kill("SIGTERM");
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("start-up", () => {
  it("names every bad variable on its own line and exits non-zero", async () => {
    const run = await runMain({
      PORT: "eighty",
      CINEMA_TIMEZONE: "Mars/Olympus",
      HOLD_MINUTES: "0",
      DATABASE_URL: "mysql://localhost/db",
      SEED_DEMO: "maybe",
    });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toBe("marquee: invalid configuration:");
    expect(
      lines
        .slice(1)
        .map((l) => l.trim().split(":")[0])
        .sort(),
    ).toEqual(["CINEMA_TIMEZONE", "DATABASE_URL", "HOLD_MINUTES", "PORT", "SEED_DEMO"]);
    expect(run.stderr).toContain(
      'CINEMA_TIMEZONE: must be an IANA time zone such as Europe/Paris (got "Mars/Olympus")',
    );
  }, 60_000);

  it("stops with one clear message when the database is unreachable, hiding the password", async () => {
    const run = await runMain({ DATABASE_URL: "postgres://marquee:s3cret@127.0.0.1:1/marquee" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^marquee: cannot open the database postgres:\/\/marquee:\*\*\*@127\.0\.0\.1:1\/marquee/,
    );
    expect(run.stderr).not.toContain("s3cret");
  }, 60_000);

  it("migrates, seeds, prints the generated admin once, and shuts down cleanly on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "marquee-start-"));
    const env = { DATABASE_URL: `pglite:${dir}`, SEED_DEMO: "false" };
    const first = await runMain(env, true);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Admin account created: admin@marquee\.local \/ \S{12,}/);
    const second = await runMain(env, true);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain("Admin account created");
  }, 120_000);

  it("refuses a database holding a migration this build does not know, naming it", async () => {
    const url = `pglite:${join(mkdtempSync(join(tmpdir(), "marquee-ahead-")), "db")}`;
    const db = await createDb(url);
    try {
      await migrate(db);
      await db.prisma.$executeRaw`
        INSERT INTO "_prisma_migrations"
          (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
        VALUES ('ahead', 'deadbeef', '20261201000000_from_a_newer_build', now(), now(), 1)`;
    } finally {
      await db.close();
    }
    // untilReady: were it to start anyway, it is stopped (exit 0) rather than left running.
    const run = await runMain({ DATABASE_URL: url, SEED_DEMO: "false" }, true);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^marquee: .*not know: 20261201000000_from_a_newer_build\b/);

    const after = await createDb(url);
    try {
      expect(await after.prisma.user.count(), "seeded anyway").toBe(0);
    } finally {
      await after.close();
    }
  }, 120_000);
});
