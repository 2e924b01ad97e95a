// `pnpm dev` as a developer runs it (turbo, then `tsx watch src/main.ts`): turbo drops every
// variable it is not told to pass, so check that the settings reach the server.
// `--filter` leaves out the web app's Vite server (a fixed port); `--only` skips generate, which
// would rewrite the Prisma client while other suites read it.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  ACCEPTS_ANY_TEXT,
  BAD_VALUES,
  linesNaming,
  readmeConfigRows,
  runPnpm,
  type PnpmRun,
} from "@marquee/db/testing";

const DEV = ["dev", "--filter=@marquee/server", "--only"];

const running: PnpmRun[] = [];
function dev(env: Record<string, string>): PnpmRun {
  const run = runPnpm(DEV, { LOG_LEVEL: "warn", ...env });
  running.push(run);
  return run;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((run) => run.stop()));
});

describe("pnpm dev", () => {
  it("serves with the configured currency, cleaning break, host and web folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "marquee-dev-"));
    const web = join(dir, "web");
    mkdirSync(web);
    writeFileSync(join(web, "index.html"), "<!doctype html><title>dev-test-marker</title>");
    const run = dev({
      DATABASE_URL: `pglite:${join(dir, "db")}`,
      HOST: "127.0.0.1",
      PORT: "0",
      SEED_DEMO: "false",
      CINEMA_CURRENCY: "USD",
      CLEANING_MINUTES: "20",
      WEB_DIST_DIR: web,
    });
    // main.ts prints HOST itself (not "localhost"), so this line also proves HOST arrived.
    const [, url] = await run.waitFor(/running on (http:\/\/127\.0\.0\.1:\d+)/);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const info = (await (await fetch(`${url}/trpc/cinema.info`)).json()) as {
      result: { data: { currency: string; cleaningMinutes: number } };
    };
    expect(info.result.data).toMatchObject({ currency: "USD", cleaningMinutes: 20 });
    expect(await (await fetch(`${url}/`)).text()).toContain("dev-test-marker");

    await run.stop();
  }, 240_000);

  it("stops on a bad CLEANING_MINUTES with one line naming it", async () => {
    const run = dev({ DATABASE_URL: "pglite:memory", CLEANING_MINUTES: "abc" });
    // tsx watch keeps waiting for a file change after main.ts exits, so wait for the message.
    await run.waitFor(/CLEANING_MINUTES: .*\n/);
    expect(linesNaming(run.output(), "CLEANING_MINUTES")).toEqual([
      expect.stringMatching(/CLEANING_MINUTES: must be a whole number \(got "abc"\)$/),
    ]);
  }, 120_000);

  it("receives every variable of the README's table (each bad one is named once)", async () => {
    const refusable = readmeConfigRows()
      .map((r) => r.name)
      .filter((n) => !ACCEPTS_ANY_TEXT.includes(n));
    const run = dev(BAD_VALUES);
    // The heading, then one line per refused variable.
    await run.waitFor(new RegExp(`invalid configuration:\\n(.*\\n){${refusable.length}}`));
    for (const name of refusable) {
      expect({ name, lines: linesNaming(run.output(), name).length }).toEqual({ name, lines: 1 });
    }
  }, 120_000);
});
