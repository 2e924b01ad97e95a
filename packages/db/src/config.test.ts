// The configuration schema against what operators read (README.md's table) and against what
// turbo lets through to `pnpm dev` / `db:seed` / `db:migrate`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CONFIG_VARIABLES,
  ConfigError,
  configDefaults,
  configSchema,
  loadConfig,
  seedOptionsFrom,
} from "./config";
import { ACCEPTS_ANY_TEXT, BAD_VALUES, readmeConfigRows, repoRoot } from "./config-testing";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration schema", () => {
  const rows = readmeConfigRows();

  it("has exactly the README's variables", () => {
    expect(rows.length).toBeGreaterThan(10);
    expect([...CONFIG_VARIABLES].sort()).toEqual(rows.map((r) => r.name).sort());
  });

  it("has the README's defaults (a `code` default is the value, prose means none in the schema)", () => {
    for (const row of rows) {
      const actual = configDefaults[row.name as keyof typeof configDefaults];
      const literal = /^`(.*)`$/.exec(row.default)?.[1];
      expect({
        name: row.name,
        default: actual === undefined ? undefined : String(actual),
      }).toEqual({ name: row.name, default: literal });
    }
  });

  it("is what turbo passes through to dev, db:seed and db:migrate", () => {
    const turbo = JSON.parse(readFileSync(join(repoRoot, "turbo.json"), "utf8")) as {
      globalPassThroughEnv: string[];
    };
    const missing = rows.map((r) => r.name).filter((n) => !turbo.globalPassThroughEnv.includes(n));
    expect(missing).toEqual([]);
  });

  it("reads SEED_DEMO with the one boolean syntax", () => {
    const read = (value: string) => configSchema.parse({ SEED_DEMO: value }).SEED_DEMO;
    for (const yes of ["true", "TRUE", "1", "yes", "Yes", " yes "]) expect(read(yes)).toBe(true);
    for (const no of ["false", "False", "0", "no", "NO"]) expect(read(no)).toBe(false);
    expect(problems({ SEED_DEMO: "maybe" })).toEqual([
      `SEED_DEMO: must be true/false, 1/0 or yes/no (got "maybe")`,
    ]);
  });

  it("reads TRUST_PROXY in Fastify's forms and refuses the one that lets clients lie", () => {
    const read = (value: string) => configSchema.parse({ TRUST_PROXY: value }).TRUST_PROXY;
    for (const no of ["false", "no", "0", ""]) expect(read(no)).toBe(false);
    expect(read("1")).toBe(1);
    expect(read("2")).toBe(2);
    expect(read("10.0.0.1, 10.0.0.0/8,loopback")).toBe("10.0.0.1,10.0.0.0/8,loopback");
    expect(read("::1,fd00::/8")).toBe("::1,fd00::/8");
    for (const bad of ["true", "yes", "maybe", "10.0.0.0/33", "10.0.0.300", "99"]) {
      expect(problems({ TRUST_PROXY: bad }), bad).toHaveLength(1);
    }
    expect(problems({ TRUST_PROXY: "true" })[0]).toMatch(/choose its own address/);
  });

  it("has a refused value for every variable that can be refused (the commands' tests use it)", () => {
    const refusable = rows.map((r) => r.name).filter((n) => !ACCEPTS_ANY_TEXT.includes(n));
    expect(Object.keys(BAD_VALUES).sort()).toEqual(refusable.sort());
    expect(
      problems(BAD_VALUES)
        .map((p) => p.split(":")[0])
        .sort(),
    ).toEqual(refusable.sort());
    for (const name of ACCEPTS_ANY_TEXT) expect(problems({ [name]: " ?! " })).toEqual([]);
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ PORT: "", SEED_DEMO: "", CINEMA_CURRENCY: "" })).toEqual(configDefaults);
  });

  it("names each bad variable on its own line, hiding secrets", () => {
    expect(
      problems({
        CLEANING_MINUTES: "abc",
        HOLD_MINUTES: "1e3",
        PORT: "70000",
        ADMIN_PASSWORD: "short",
        CINEMA_CURRENCY: "usd",
      }),
    ).toEqual([
      'PORT: must be at most 65535 (got "70000")',
      'CINEMA_CURRENCY: must be an ISO 4217 code such as EUR (got "usd")',
      'HOLD_MINUTES: must be a whole number (got "1e3")',
      'CLEANING_MINUTES: must be a whole number (got "abc")',
      "ADMIN_PASSWORD: must be at least 12 characters",
    ]);
  });

  it("gives the seed every setting it uses", () => {
    const config = loadConfig({
      CINEMA_CURRENCY: "USD",
      CLEANING_MINUTES: "20",
      CINEMA_TIMEZONE: "Europe/Paris",
      SEED_DEMO: "no",
      ADMIN_EMAIL: "boss@example.com",
      ADMIN_PASSWORD: "a-long-enough-password",
    });
    expect(seedOptionsFrom(config, "postgresql")).toEqual({
      adminEmail: "boss@example.com",
      adminPassword: "a-long-enough-password",
      generateAdminPassword: false,
      demo: false,
      timeZone: "Europe/Paris",
      currency: "USD",
      cleaningMinutes: 20,
    });
  });
});
