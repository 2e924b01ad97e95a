/**
 * End-to-end harness: the REAL server (apps/server/dist/server/main.js, so run `pnpm build`
 * first; this file builds nothing) on a fresh embedded database, driven by Debian's Chromium
 * through playwright-core. Never downloads a browser.
 *
 * API
 * - `startServer(options?)` -> `TestServer` `{ url, port, dataDir, logs(), stop() }`: spawns
 *   `node main.js` on a free port with `DATABASE_URL=pglite:<fresh temp dir>`,
 *   `ADMIN_EMAIL`/`ADMIN_PASSWORD` = `ADMIN`, `SEED_DEMO=true`, `CINEMA_TIMEZONE=Europe/Paris`,
 *   `LOG_LEVEL=warn` (override or add any with `options.env`), waits for `/healthz`.
 *   `stop()` ends the process and deletes the data dir.
 * - `launchBrowser()` -> playwright `Browser` (CHROMIUM_PATH or /usr/bin/chromium, headless).
 * - `newContext(browser, server, options?)` -> `{ context, page }` with `baseURL` = server url,
 *   a 1280x800 viewport (pass `viewport` for a phone), locale en-GB.
 * - `ADMIN` = `{ email, password }` of the admin account the server creates.
 * - `uniqueEmail(prefix?)` -> a fresh e-mail address.
 * - `signUp(page, options?)` -> `{ name, email, password }`: creates an account through the
 *   web app's /signup form and waits until the app shows the user as signed in.
 * - `signIn(page, { email, password })` through /signin; `signInAsAdmin(page)` with `ADMIN`.
 * - `apiClient(server, token?)` -> a typed tRPC client (`AppRouter`) for set-up and checks;
 *   `adminApi(server)` -> one authenticated as `ADMIN` with a bearer token.
 * - `screenshot(page, name)` -> saves `e2e/artifacts/<name>.png` (git-ignored), returns the path.
 * - `ARTIFACTS_DIR`, `REPO_ROOT`.
 */
import type { AppRouter } from "@marquee/api";
import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, "../../..");
export const ARTIFACTS_DIR = join(here, "artifacts");
const SERVER_MAIN = join(REPO_ROOT, "apps/server/dist/server/main.js");

export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-42" } as const;

export type TestServer = {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed so far (stdout and stderr), for failure messages. */
  logs: () => string;
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, logs: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with ${child.exitCode}:\n${logs()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not become healthy within 90 s:\n${logs()}`);
}

export async function startServer(
  options: { env?: Record<string, string> } = {},
): Promise<TestServer> {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`${SERVER_MAIN} is missing: run \`pnpm build\` before the e2e suite`);
  }
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "marquee-e2e-"));
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? tmpdir(),
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `pglite:${dataDir}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SEED_DEMO: "true",
      CINEMA_TIMEZONE: "Europe/Paris",
      LOG_LEVEL: "warn",
      RATE_LIMIT_PER_MINUTE: "6000",
      // Stopped with SIGTERM after each suite: no load balancer to drain for.
      SHUTDOWN_GRACE_SECONDS: "0",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const logs = () => output;
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, logs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, dataDir, logs, stop };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function newContext(
  browser: Browser,
  server: TestServer,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: "en-GB",
    timezoneId: "America/New_York", // deliberately not the cinema's zone
  });
  // A budget for a busy shared machine, not a measurement: steps wait for conditions.
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  return { context, page };
}

let counter = 0;
export function uniqueEmail(prefix = "guest"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@e2e.test`;
}

export type Credentials = { name: string; email: string; password: string };

export async function signUp(page: Page, options: Partial<Credentials> = {}): Promise<Credentials> {
  const credentials: Credentials = {
    name: options.name ?? "Erin Tester",
    email: options.email ?? uniqueEmail(),
    password: options.password ?? "popcorn-and-soda",
  };
  await page.goto("/signup");
  await page.getByLabel("Name").fill(credentials.name);
  await page.getByLabel("E-mail").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("button", { name: /Account menu/ }).waitFor();
  return credentials;
}

export async function signIn(page: Page, credentials: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: /Account menu/ }).waitFor();
}

export async function signInAsAdmin(page: Page) {
  await signIn(page, ADMIN);
}

export function apiClient(server: TestServer, token?: string): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${server.url}/trpc`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      }),
    ],
  });
}

export async function adminApi(server: TestServer): Promise<TRPCClient<AppRouter>> {
  const { token } = await apiClient(server).auth.createToken.mutate(ADMIN);
  return apiClient(server, token);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
