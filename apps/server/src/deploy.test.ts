// `pnpm build:deploy` as an operator uses it: the folder is copied somewhere outside the
// workspace and started with `node main.js` from yet another directory, on PGlite and (with
// TEST_DATABASE_URL) on PostgreSQL. It must find everything inside itself.
import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createScratchPostgres } from "@marquee/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnv, fakeWebDist } from "./test/start-server";

const run = promisify(execFile);
const serverDir = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "marquee-deploy-"));
const copy = join(work, "copied", "deploy");

beforeAll(async () => {
  // Built from scratch into the temporary folder (a parallel `pnpm build` may empty dist/).
  const bundle = join(work, "bundle");
  await run(process.execPath, ["build.mjs", "--outdir", bundle], { cwd: serverDir });
  const built = join(work, "deploy");
  await run(
    process.execPath,
    ["deploy.mjs", "--from", bundle, "--web", fakeWebDist(), "--outdir", built],
    { cwd: serverDir },
  );
  cpSync(built, copy, { recursive: true });
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function start(databaseUrl: string): Promise<{ url: string; stop: () => Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    // From another directory, with nothing of the workspace in sight.
    const child = spawn(process.execPath, [join(copy, "main.js")], {
      cwd: tmpdir(),
      env: childEnv({
        DATABASE_URL: databaseUrl,
        SEED_DEMO: "true",
        ADMIN_PASSWORD: "deploy-admin-password",
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      const match = /running on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        resolve({
          url: match[1],
          stop: () =>
            new Promise((done) => {
              child.once("exit", (code) => done(code));
              child.kill("SIGTERM");
            }),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`deploy/main.js exited with ${code}:\n${out}`)));
  });
}

async function exercise(url: string): Promise<void> {
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
  const info = await fetch(`${url}/trpc/cinema.info`);
  expect(info.status).toBe(200);
  const movies = (await (await fetch(`${url}/api/v1/movies?limit=3`)).json()) as {
    items: unknown[];
  };
  expect(movies.items.length).toBeGreaterThan(0);
  const page = await fetch(`${url}/`, { headers: { accept: "text/html" } });
  expect(await page.text()).toContain("Marquee test shell");
}

it("holds the bundle, the web app, the migrations and only the runtime packages", () => {
  expect(existsSync(join(copy, "main.js"))).toBe(true);
  expect(existsSync(join(copy, "public", "index.html"))).toBe(true);
  expect(existsSync(join(copy, "migrations", "migration_lock.toml"))).toBe(true);
  const manifest = JSON.parse(readFileSync(join(copy, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
  };
  expect(Object.keys(manifest.scripts)).toEqual(["start"]);
  expect(Object.keys(manifest.dependencies)).toEqual(
    expect.arrayContaining([
      "@electric-sql/pglite",
      "@node-rs/argon2",
      "@prisma/schema-engine-wasm",
    ]),
  );
  expect(
    Object.keys(manifest.dependencies).filter((d) => /prisma$|typescript|vite|tsx/.test(d)),
  ).toEqual([]);
});

describe("started from a copy outside the workspace", () => {
  it("runs on PGlite", async () => {
    const server = await start(`pglite:${join(work, "pglite-data")}`);
    try {
      await exercise(server.url);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "runs on PostgreSQL",
    async () => {
      const scratch = await createScratchPostgres();
      try {
        const server = await start(scratch.url);
        try {
          await exercise(server.url);
        } finally {
          expect(await server.stop()).toBe(0);
        }
      } finally {
        await scratch.drop();
      }
    },
    120_000,
  );
});
