// Starts the real host on a random port over a test database, for HTTP tests.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestDatabase } from "@marquee/db/testing";
import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";
import { defaultApiConfig, type AppRouter } from "@marquee/api";
import { buildApp, type AppOptions } from "../app";

export type RunningServer = {
  url: string;
  close(): Promise<void>;
  client(headers?: Record<string, string>): TRPCClient<AppRouter>;
};

export function fakeWebDist(): string {
  const dir = join(tmpdir(), `marquee-web-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "index.html"),
    "<!doctype html><title>Marquee test shell</title><div id=root></div>",
  );
  return dir;
}

export async function startServer(
  db: TestDatabase,
  overrides: Partial<AppOptions> = {},
): Promise<RunningServer> {
  const app = await buildApp({
    db: db.prisma,
    api: defaultApiConfig,
    webDistDir: fakeWebDist(),
    bodyLimit: 100 * 1024,
    logger: false,
    ...overrides,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    close: () => app.close(),
    client: (headers = {}) =>
      createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc`, headers })] }),
  };
}

/** A bare tRPC call with fetch, to see status codes and headers the client hides. */
export async function call(
  url: string,
  path: string,
  options: { input?: unknown; mutation?: boolean; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers; cookies: string[] }> {
  const query =
    options.input === undefined
      ? ""
      : `?input=${encodeURIComponent(JSON.stringify(options.input))}`;
  const res = options.mutation
    ? await fetch(`${url}/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers },
        body: JSON.stringify(options.input ?? null),
      })
    : await fetch(`${url}/trpc/${path}${query}`, { headers: options.headers ?? {} });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body, headers: res.headers, cookies: res.headers.getSetCookie() };
}

/** The real entry point in its own process, on the given database; `bundle`: a built main.js. */
/**
 * The environment of a server started as a child process: nothing inherited but PATH, an
 * ephemeral port on loopback, quiet logs, and no shutdown grace (tests stop children with
 * SIGTERM and wait: there is no load balancer to drain for), then the test's own settings.
 */
export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "warn",
    SHUTDOWN_GRACE_SECONDS: "0",
    ...env,
  };
}

export function startChildServer(
  databaseUrl: string,
  env: Record<string, string>,
  options: { bundle?: string } = {},
): Promise<{ url: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const args = options.bundle ? [options.bundle] : ["--import", "tsx", "src/main.ts"];
    const child = spawn(process.execPath, args, {
      cwd: join(import.meta.dirname, "..", ".."),
      env: childEnv({
        DATABASE_URL: databaseUrl,
        // Load tests come from one address; tests of the limit itself set it.
        RATE_LIMIT_PER_MINUTE: "0",
        SEED_DEMO: "false",
        ADMIN_PASSWORD: "child-admin-password",
        ...env,
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const timer = setTimeout(
      () => reject(new Error(`child server did not start:\n${out}`)),
      60_000,
    );
    const onData = (d: Buffer) => {
      out += d.toString();
      const match = /running on (http:\/\/[^\s]+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], process: child });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`child server exited with ${code}:\n${out}`));
    });
  });
}
