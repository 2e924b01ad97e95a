// Start-up as an operator sees it: the real entry point in a child process.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDb, migrate } from "@marquee/db";
import { childEnv } from "./test/start-server";

type Run = { code: number | null; stdout: string; stderr: string };

function runMain(env: Record<string, string>, untilReady = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: join(import.meta.dirname, ".."),
      env: childEnv(env),
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

  it("retries an unreachable database, one line per attempt, then stops with one clear line, hiding the password", async () => {
    const run = await runMain({
      DATABASE_URL: "postgres://marquee:s3cret@127.0.0.1:1/marquee",
      DB_CONNECT_TIMEOUT_SECONDS: "2",
    });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const where = "postgres://marquee:***@127.0.0.1:1/marquee";
    lines.slice(0, -1).forEach((line, i) => {
      expect(line.startsWith(`marquee: database ${where} not reachable (attempt ${i + 1}: `)).toBe(
        true,
      );
      expect(line).toMatch(/: the database server cannot be reached\); retrying in [\d.]+ s$/);
    });
    expect(lines.at(-1)).toBe(
      `marquee: cannot open the database ${where}: the database server cannot be reached (gave up after ${lines.length} attempts in 2 s, DB_CONNECT_TIMEOUT_SECONDS)`,
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
    // Without SMTP_URL the log says mails stay in the outbox and where to read them.
    expect(second.stdout).toContain("SMTP_URL is not set");
    expect(second.stdout).toContain("/admin/outbox");
    // ADMIN_PASSWORD on the existing account is not applied, and start-up says so.
    const third = await runMain({ ...env, ADMIN_PASSWORD: "a different long secret" }, true);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain("ADMIN_PASSWORD is set but the admin account already exists");
    expect(third.stdout).toContain("pnpm admin:reset-password");
  }, 180_000);

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
