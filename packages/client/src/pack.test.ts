// The package as an integrator gets it: packed with `pnpm pack`, installed with npm in a
// folder outside the workspace, type-checked under NodeNext and Bundler resolution (a wrong
// input field must fail), then run against a real Marquee server, live seat map included.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const pkgDir = join(import.meta.dirname, "..");
const repoRoot = join(pkgDir, "..", "..");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const ADMIN_PASSWORD = "client-test-admin-password";

const GOOD = `import { createMarqueeClient, isTRPCClientError, type RouterOutputs } from "@marquee/client";

declare const process: { env: Record<string, string | undefined> };
const url = process.env.MARQUEE_URL ?? "http://localhost:3000";
let token: string | null = null;
const api = createMarqueeClient({ url, token: () => token });

// Throttled calls travel alone and the rest in batches of at most 10: the server refuses
// anything else, so firing them together checks the client's links.
const [signedIn, page] = await Promise.all([
  api.auth.createToken.mutate({
    email: process.env.MARQUEE_EMAIL ?? "",
    password: process.env.MARQUEE_PASSWORD ?? "",
  }),
  api.showtime.list.query({ limit: 12 }),
]);
token = signedIn.token;
const maps = await Promise.all(page.items.map((s) => api.showtime.seatMap.query({ showtimeId: s.id })));
const index = maps.findIndex((m) => m.onSale && m.counts.AVAILABLE >= 2);
const showtime = page.items[index];
const map = maps[index];
if (!showtime || !map) throw new Error("no showtime on sale");
const seatIds = map.seats.filter((s) => s.state === "AVAILABLE").slice(0, 2).map((s) => s.id);
const held = await api.reservation.hold.mutate({ showtimeId: showtime.id, seatIds });
const booked: RouterOutputs["reservation"]["confirm"] = await api.reservation.confirm.mutate({
  reservationId: held.id,
});
try {
  await api.reservation.confirm.mutate({ reservationId: "not-a-reservation" });
} catch (error) {
  if (!isTRPCClientError(error)) throw error;
  console.log(JSON.stringify({ refused: error.data?.code }));
}
console.log(JSON.stringify({ batch: maps.length, status: booked.status, code: booked.code, seats: booked.seats.length }));

// Live seat maps out of the box: the first event of a subscription is the whole map.
const first = await new Promise<{ type: string; seats: number; booked: number }>((resolve, reject) => {
  const sub = api.showtime.seatMapChanges.subscribe(
    { showtimeId: showtime.id },
    {
      onData: ({ data }) => {
        sub.unsubscribe();
        if (data.type !== "map") return reject(new Error(\`first event: \${data.type}\`));
        const mine = data.map.seats.filter((s) => seatIds.includes(s.id));
        resolve({ type: data.type, seats: data.map.seats.length, booked: mine.filter((s) => s.state !== "AVAILABLE").length });
      },
      onError: (error) => {
        sub.unsubscribe();
        reject(error);
      },
    },
  );
});
console.log(JSON.stringify({ live: first.type, seats: first.seats, expected: map.seats.length, booked: first.booked }));
`;

const BAD = GOOD.replace(
  "api.reservation.hold.mutate({ showtimeId: showtime.id, seatIds })",
  "api.reservation.hold.mutate({ showtimeId: showtime.id, seats: seatIds })",
);

function tsconfig(moduleResolution: "NodeNext" | "Bundler") {
  return JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2022", "DOM"],
      module: moduleResolution === "NodeNext" ? "NodeNext" : "ESNext",
      moduleResolution,
      strict: true,
      noEmit: true,
      // As most projects do; @trpc/server's own declarations need @types/node and ws.
      skipLibCheck: true,
      types: [],
    },
    files: ["script.mts"],
  });
}

async function typecheck(dir: string, project: string): Promise<{ ok: boolean; output: string }> {
  try {
    await run(process.execPath, [tsc, "-p", project], { cwd: dir });
    return { ok: true, output: "" };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describe("@marquee/client, installed outside the workspace", () => {
  let dir: string;
  let server: { url: string; stop: () => Promise<void> };

  beforeAll(async () => {
    await run(process.execPath, ["build.mjs"], { cwd: pkgDir });
    dir = mkdtempSync(join(tmpdir(), "marquee-client-"));
    await run("pnpm", ["pack", "--pack-destination", dir], { cwd: pkgDir });
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error("pnpm pack wrote no tarball");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ private: true, type: "module" }));
    await run("npm", ["install", "--no-audit", "--no-fund", `./${tarball}`], { cwd: dir });
    server = await startServer();
  }, 300_000);
  afterAll(async () => server?.stop());

  it("is a publishable package whose only dependencies are @trpc/* and eventsource", () => {
    const installed = join(dir, "node_modules", "@marquee", "client");
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as {
      private?: boolean;
      dependencies: Record<string, string>;
    };
    expect(manifest.private).toBeUndefined();
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      "@trpc/client",
      "@trpc/server",
      "eventsource",
    ]);
    expect(readdirSync(installed).sort()).toEqual(["README.md", "dist", "package.json"]);
    const declaration = readFileSync(join(installed, "dist", "index.d.ts"), "utf8");
    const imports = [...declaration.matchAll(/from ['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect([...new Set(imports)].sort()).toEqual(["@trpc/client", "@trpc/server"]);
    expect(declaration).not.toMatch(/prisma|@marquee\/(api|db|domain)|pglite|argon2/i);
    // The installed tree holds nothing of the server.
    const installedPackages = readdirSync(join(dir, "node_modules"));
    expect(installedPackages.filter((p) => /prisma|electric-sql|node-rs|^pg$/.test(p))).toEqual([]);
  });

  for (const resolution of ["NodeNext", "Bundler"] as const) {
    it(`type-checks a correct script under ${resolution} and refuses a wrong input field`, async () => {
      const good = mkdtempSync(join(dir, `good-${resolution}-`));
      writeFileSync(join(good, "script.mts"), GOOD);
      writeFileSync(join(good, "tsconfig.json"), tsconfig(resolution));
      expect(await typecheck(good, "tsconfig.json")).toEqual({ ok: true, output: "" });

      const bad = mkdtempSync(join(dir, `bad-${resolution}-`));
      writeFileSync(join(bad, "script.mts"), BAD);
      writeFileSync(join(bad, "tsconfig.json"), tsconfig(resolution));
      const result = await typecheck(bad, "tsconfig.json");
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/script\.mts.*error TS\d+/);
      expect(result.output).toContain("seats");
    }, 120_000);
  }

  it("runs the script against a real server: signs in, holds, confirms and subscribes", async () => {
    // Compiled by tsc as the user's build would, then run with node.
    const project = mkdtempSync(join(dir, "run-"));
    writeFileSync(join(project, "script.mts"), GOOD);
    writeFileSync(join(project, "tsconfig.json"), tsconfig("NodeNext"));
    await run(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit", "false"], {
      cwd: project,
    });
    const { stdout } = await run(process.execPath, ["script.mjs"], {
      cwd: project,
      env: {
        PATH: process.env.PATH,
        MARQUEE_URL: server.url,
        MARQUEE_EMAIL: "admin@marquee.local",
        MARQUEE_PASSWORD: ADMIN_PASSWORD,
      },
    });
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ refused: "BAD_REQUEST" });
    expect(lines[1]).toMatchObject({ batch: 12, status: "CONFIRMED", seats: 2 });
    expect(lines[1]?.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    // The subscription's first event: the full map, with the two seats just booked.
    expect(lines[2]).toMatchObject({ live: "map", booked: 2 });
    expect(lines[2]?.seats).toBe(lines[2]?.expected);
    expect(Number(lines[2]?.expected)).toBeGreaterThan(2);
  }, 120_000);
});

/** The real server entry point on an in-memory database with demo showtimes. */
function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: join(repoRoot, "apps", "server"),
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: "pglite:memory",
        HOST: "127.0.0.1",
        PORT: "0",
        LOG_LEVEL: "warn",
        SEED_DEMO: "true",
        ADMIN_PASSWORD,
        RATE_LIMIT_PER_MINUTE: "0",
        SHUTDOWN_GRACE_SECONDS: "0",
      },
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
            new Promise<void>((done) => {
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}
