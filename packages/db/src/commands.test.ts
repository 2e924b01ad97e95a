// `pnpm db:seed` and `pnpm db:migrate` as an operator runs them (through turbo, which drops any
// variable it is not told to pass): every setting must reach the CLI, and a bad one stop it.
// `--only` skips the tasks they depend on (generate): regenerating the Prisma client here
// would rewrite files that other suites running at the same time are reading.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDb } from "./create-db";
import { verifyPassword } from "./password";
import { ACCEPTS_ANY_TEXT, BAD_VALUES, linesNaming, readmeConfigRows, runPnpm } from "./testing";

const refusable = readmeConfigRows()
  .map((r) => r.name)
  .filter((n) => !ACCEPTS_ANY_TEXT.includes(n));

describe.each(["db:migrate", "db:seed"])("pnpm %s", (command) => {
  it("stops on a bad CLEANING_MINUTES with one line naming it", async () => {
    const run = runPnpm([command, "--only"], {
      DATABASE_URL: "pglite:memory",
      CLEANING_MINUTES: "abc",
    });
    expect(await run.exited).not.toBe(0);
    expect(linesNaming(run.output(), "CLEANING_MINUTES")).toEqual([
      expect.stringMatching(/CLEANING_MINUTES: must be a whole number \(got "abc"\)$/),
    ]);
  }, 120_000);

  it("receives every variable of the README's table (each bad one is named once)", async () => {
    const run = runPnpm([command, "--only"], BAD_VALUES);
    expect(await run.exited).not.toBe(0);
    const output = run.output();
    for (const name of refusable) {
      expect({ name, lines: linesNaming(output, name).length }).toEqual({ name, lines: 1 });
    }
  }, 120_000);
});

describe("pnpm db:seed", () => {
  it("seeds with CINEMA_CURRENCY and CLEANING_MINUTES", async () => {
    const dir = mkdtempSync(join(tmpdir(), "marquee-seed-"));
    const url = `pglite:${join(dir, "db")}`;
    const run = runPnpm(["db:seed", "--only"], {
      DATABASE_URL: url,
      CINEMA_CURRENCY: "USD",
      CLEANING_MINUTES: "20",
      SEED_DEMO: "YES",
    });
    expect({ code: await run.exited, output: run.output() }).toMatchObject({ code: 0 });

    const db = await createDb(url);
    try {
      const showtimes = await db.prisma.showtime.findMany({
        select: { currency: true, endsAt: true, busyUntil: true },
      });
      expect(showtimes.length).toBeGreaterThan(0);
      expect(new Set(showtimes.map((s) => s.currency))).toEqual(new Set(["USD"]));
      const gaps = showtimes.map((s) => (s.busyUntil.getTime() - s.endsAt.getTime()) / 60_000);
      expect(new Set(gaps)).toEqual(new Set([20]));
    } finally {
      await db.close();
    }
  }, 240_000);
});

describe("pnpm admin:reset-password", () => {
  it("prints a generated password, or sets NEW_PASSWORD; an unknown address is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "marquee-reset-"));
    const url = `pglite:${join(dir, "db")}`;
    const seeded = runPnpm(["db:seed", "--only"], {
      DATABASE_URL: url,
      SEED_DEMO: "false",
      ADMIN_EMAIL: "boss@example.com",
      ADMIN_PASSWORD: "the first secret",
    });
    expect({ code: await seeded.exited, output: seeded.output() }).toMatchObject({ code: 0 });

    const generated = runPnpm(["admin:reset-password", "Boss@Example.com"], { DATABASE_URL: url });
    expect({ code: await generated.exited, output: generated.output() }).toMatchObject({ code: 0 });
    const printed = /new password of boss@example\.com: (\S+)/.exec(generated.output())?.[1] ?? "";
    expect(printed.length).toBeGreaterThanOrEqual(16);

    const db = await createDb(url);
    const hashOf = async () =>
      (await db.prisma.user.findUniqueOrThrow({ where: { email: "boss@example.com" } }))
        .passwordHash;
    try {
      expect(await verifyPassword(await hashOf(), printed)).toBe(true);
    } finally {
      await db.close();
    }

    const chosen = runPnpm(["admin:reset-password", "boss@example.com"], {
      DATABASE_URL: url,
      NEW_PASSWORD: "my own choice",
    });
    expect({ code: await chosen.exited, output: chosen.output() }).toMatchObject({ code: 0 });
    const unknown = runPnpm(["admin:reset-password", "nobody@example.com"], { DATABASE_URL: url });
    expect(await unknown.exited).not.toBe(0);
    expect(unknown.output()).toContain("no account with the e-mail address nobody@example.com");

    const again = await createDb(url);
    try {
      const hash = (
        await again.prisma.user.findUniqueOrThrow({ where: { email: "boss@example.com" } })
      ).passwordHash;
      expect(await verifyPassword(hash, "my own choice")).toBe(true);
    } finally {
      await again.close();
    }
  }, 240_000);
});
