// WORKERS=N as an operator runs it: the real entry point, N processes on one port, one
// migration; and a session revoked through one process is refused by the other at once
// (the session caches hear of it through LISTEN/NOTIFY, not by running out).
import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { join } from "node:path";
import { createDb } from "@marquee/db";
import { createScratchPostgres } from "@marquee/db/scratch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Answer = { pid: number; status: number; body: string };

/** One request on a fresh connection (so the cluster may pick any worker). */
function send(
  base: string,
  path: string,
  pids: Map<string, number>,
  options: { method?: string; token?: string; body?: string } = {},
): Promise<Answer> {
  const id = `t${Math.random().toString(36).slice(2)}`;
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method: options.method ?? "GET",
        agent: false,
        headers: {
          connection: "close",
          "x-request-id": id,
          "content-type": "application/json",
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => {
          // Workers log each request with their pid; wait for the line to arrive.
          const started = Date.now();
          const poll = () => {
            const pid = pids.get(id);
            if (pid !== undefined) resolve({ pid, status: res.statusCode ?? 0, body });
            else if (Date.now() - started > 30_000) reject(new Error(`no log line for ${id}`));
            else setTimeout(poll, 5);
          };
          poll();
        });
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("WORKERS=2 on PostgreSQL", () => {
  let child: ChildProcess;
  let base = "";
  let scratch: Awaited<ReturnType<typeof createScratchPostgres>>;
  const pids = new Map<string, number>();
  let stdout = "";
  let exit: Promise<number | null>;

  beforeAll(async () => {
    scratch = await createScratchPostgres();
    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: join(import.meta.dirname, ".."),
      env: {
        PATH: process.env.PATH,
        WORKERS: "2",
        DATABASE_URL: scratch.url,
        DATABASE_POOL_SIZE: "2",
        ADMIN_PASSWORD: "correct-horse-battery",
        SEED_DEMO: "false",
        // Only a notification can end a cached session within this test's lifetime.
        SESSION_CACHE_MS: "60000",
        RATE_LIMIT_PER_MINUTE: "0",
        SHUTDOWN_GRACE_SECONDS: "0",
        LOG_LEVEL: "info",
        HOST: "127.0.0.1",
        PORT: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    exit = new Promise((resolve) => child.on("close", resolve));
    let pending = "";
    base = await new Promise<string>((resolve, reject) => {
      child.stdout?.on("data", (d: Buffer) => {
        stdout += d.toString();
        pending += d.toString();
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) {
          const running = /Marquee is running on (\S+) \(2 workers\)/.exec(line);
          if (running?.[1]) resolve(running[1]);
          if (!line.startsWith("{")) continue;
          const entry = JSON.parse(line) as { reqId?: string; pid?: number };
          if (entry.reqId && entry.pid) pids.set(entry.reqId, entry.pid);
        }
      });
      child.stderr?.on("data", (d: Buffer) => process.stderr.write(d));
      void exit.then((code) => reject(new Error(`server exited (${code}): ${stdout}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exit.catch(() => undefined);
    await scratch.drop();
  });

  it("serves from two processes on one port and migrated once", async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200 && seen.size < 2; i += 1) {
      // An API call: health probes are not logged at info, and the pid comes from the log.
      const answer = await send(base, "/trpc/cinema.info", pids);
      expect(answer.status).toBe(200);
      seen.add(answer.pid);
    }
    expect(seen.size).toBe(2);
    expect(seen.has(child.pid ?? -1)).toBe(false); // the primary does not serve
    expect(stdout.match(/Admin account created/g) ?? []).toHaveLength(0); // password was given
    const db = await createDb(scratch.url);
    try {
      const applied = await db.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "_prisma_migrations"
        GROUP BY migration_name ORDER BY n DESC LIMIT 1`;
      expect(applied[0]?.n).toBe(1);
    } finally {
      await db.close();
    }
  }, 120_000);

  it("a logout through one worker is refused by the other, whose cache held the session", async () => {
    const login = await send(base, "/trpc/auth.createToken", pids, {
      method: "POST",
      body: JSON.stringify({ email: "admin@marquee.local", password: "correct-horse-battery" }),
    });
    expect(login.status).toBe(200);
    const token = (JSON.parse(login.body) as { result: { data: { token: string } } }).result.data
      .token;
    const me = (t: string) => send(base, "/trpc/auth.me", pids, { token: t });
    const signedIn = (a: Answer) =>
      (JSON.parse(a.body) as { result: { data: unknown } }).result.data;
    // Both workers answer for the session, so both have it cached.
    const warm = new Set<number>();
    for (let i = 0; i < 200 && warm.size < 2; i += 1) {
      const answer = await me(token);
      expect(signedIn(answer)).not.toBeNull();
      warm.add(answer.pid);
    }
    expect(warm.size).toBe(2);

    const logout = await send(base, "/trpc/auth.logout", pids, { method: "POST", token });
    expect(logout.status).toBe(200);
    // Each worker refuses from the moment it hears of the logout, and never accepts again.
    const refusedBy = new Set<number>([logout.pid]);
    for (let i = 0; i < 400 && refusedBy.size < 2; i += 1) {
      const answer = await me(token);
      if (signedIn(answer) === null) refusedBy.add(answer.pid);
      else expect(refusedBy.has(answer.pid)).toBe(false);
    }
    expect(refusedBy.size).toBe(2);
  }, 120_000);

  it("stops every worker on SIGTERM and exits cleanly", async () => {
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  }, 60_000);
});

describe("WORKERS on PGlite", () => {
  it("is refused above 1, naming the reason", async () => {
    const run = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: join(import.meta.dirname, ".."),
      env: { PATH: process.env.PATH, WORKERS: "2", DATABASE_URL: "pglite:memory", PORT: "0" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    run.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => run.on("close", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("WORKERS=2 needs a PostgreSQL DATABASE_URL");
  }, 60_000);
});
