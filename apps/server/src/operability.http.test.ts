// The operator's view of a real server process: draining behind a load balancer on SIGTERM,
// quiet probes, JSON logs when not on a terminal, pretty ones on a terminal, and (on
// PostgreSQL) a database that only comes up while the server is already retrying.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createTestDb } from "@marquee/db/testing";
import { describe, expect, it } from "vitest";
import { childEnv, startChildServer } from "./test/start-server";
import { startTcpProxy } from "./test/tcp-proxy";

const waitFor = async (check: () => Promise<boolean> | boolean, what: string) => {
  for (let i = 0; i < 600; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });

describe("shutdown and logs", () => {
  it("on SIGTERM, fails readiness at once, keeps serving through the grace period, and exits on a second SIGTERM", async () => {
    const { url, process: child } = await startChildServer("pglite:memory", {
      SHUTDOWN_GRACE_SECONDS: "600",
      LOG_LEVEL: "info",
    });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    const exit = exited(child);
    try {
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      for (let i = 0; i < 3; i += 1) await fetch(`${url}/healthz`);
      expect((await fetch(`${url}/trpc/cinema.info`)).status).toBe(200);

      child.kill("SIGTERM");
      await waitFor(async () => (await fetch(`${url}/readyz`)).status === 503, "readyz 503");
      expect(await (await fetch(`${url}/readyz`)).json()).toEqual({
        status: "unavailable",
        reason: "shutting down",
      });
      // Still serving while the load balancer notices.
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/trpc/cinema.info`)).status).toBe(200);

      child.kill("SIGTERM");
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    // Not a terminal: JSON lines. Probes are not logged at info; API calls are.
    const lines = out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { msg?: string; req?: { url?: string } });
    expect(lines.length).toBeGreaterThan(0);
    const urls = lines.map((l) => l.req?.url).filter(Boolean);
    expect(urls).toContain("/trpc/cinema.info");
    expect(urls.filter((u) => u?.startsWith("/healthz") || u?.startsWith("/readyz"))).toEqual([]);
    expect(lines.map((l) => l.msg)).toContain(
      "not ready any more: serving until the grace period ends",
    );
  }, 120_000);

  it("logs readable lines, not JSON, on a terminal", async () => {
    // util-linux `script` gives the server a pseudo-terminal as stdout.
    const command = `exec ${process.execPath} --import tsx src/main.ts`;
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd: join(import.meta.dirname, ".."),
      env: childEnv({ DATABASE_URL: "pglite:memory", SEED_DEMO: "false", LOG_LEVEL: "info" }),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const exit = exited(child);
    try {
      await waitFor(() => out.includes("running on"), "the server to start");
    } finally {
      child.kill("SIGTERM");
    }
    await exit;
    // eslint-disable-next-line no-control-regex
    const plain = out.replace(/\u001b\[[0-9;]*m/g, "");
    expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Marquee is up/m);
    expect(plain).not.toMatch(/^\{"level"/m);
  }, 120_000);
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("start-up retry [postgresql]", () => {
  it("keeps trying while the database is down and starts once it is up", async () => {
    const db = await createTestDb("postgresql");
    const target = new URL(db.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.refuse();
    const viaProxy = new URL(db.url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: join(import.meta.dirname, ".."),
      env: childEnv({
        DATABASE_URL: viaProxy.toString(),
        DB_CONNECT_TIMEOUT_SECONDS: "600",
        SEED_DEMO: "false",
        ADMIN_PASSWORD: "child-admin-password",
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const exit = exited(child);
    try {
      await waitFor(() => err.includes("(attempt 2: "), "two failed attempts");
      expect(out).not.toContain("running on");
      await proxy.restore();
      await waitFor(() => out.includes("running on") || child.exitCode !== null, "start-up");
      expect(out).toContain("running on");
      expect(err).toMatch(/^marquee: database postgres(ql)?:\/\/\S+ not reachable \(attempt 1: /);
      child.kill("SIGTERM");
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await proxy.close();
      await db.close();
    }
  }, 180_000);
});
