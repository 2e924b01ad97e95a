// Test helpers for the configuration: README.md's table as data, and the root pnpm commands
// (which go through turbo) run as an operator runs them, in a child process group.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Config } from "./config";

export const repoRoot = join(import.meta.dirname, "..", "..", "..");

export type ConfigRow = { name: string; default: string };

/** The rows of README.md's "## Configuration" table: variable name and default column. */
export function readmeConfigRows(): ConfigRow[] {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const section = /^## Configuration\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (!section) throw new Error("README.md has no ## Configuration section");
  return section
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter(([name]) => name !== undefined && /^`[A-Z0-9_]+`$/.test(name))
    .map(([name = "", def = ""]) => ({ name: name.slice(1, -1), default: def }));
}

/** Variables for which any non-empty text is valid, so no value can be refused. */
export const ACCEPTS_ANY_TEXT: readonly string[] = ["HOST", "WEB_DIST_DIR"];

/**
 * A refused value for every other variable: set all at once, a command that reads the whole
 * configuration must name each of them, which proves each one reached it.
 */
export const BAD_VALUES: Record<string, string> = {
  PORT: "eighty",
  WORKERS: "0",
  DATABASE_URL: "mysql://localhost/db",
  DATABASE_POOL_SIZE: "abc",
  DATABASE_MAX_WAITING: "abc",
  CINEMA_TIMEZONE: "Mars/Olympus",
  CINEMA_CURRENCY: "euro",
  HOLD_MINUTES: "abc",
  CLEANING_MINUTES: "abc",
  ADMIN_EMAIL: "nobody",
  ADMIN_PASSWORD: "short",
  SEED_DEMO: "maybe",
  MAX_SEATS_PER_BOOKING: "abc",
  CHECKIN_OPENS_MINUTES: "soon",
  SMTP_URL: "http://mail.example.com",
  MAIL_FROM: "nobody",
  MAIL_RETRY_BASE_SECONDS: "0",
  MAIL_MAX_ATTEMPTS: "many",
  MAX_SEATS_PER_SHOWTIME: "abc",
  SALES_CUTOFF_MINUTES: "abc",
  AUTH_MAX_FAILED_LOGINS: "abc",
  AUTH_MAX_REGISTRATIONS: "abc",
  RATE_LIMIT_PER_MINUTE: "abc",
  SESSION_CACHE_MS: "soon",
  MAX_LIVE_STREAMS: "0",
  MAX_LIVE_STREAMS_PER_ADDRESS: "abc",
  TRUST_PROXY: "maybe",
  PUBLIC_ORIGIN: "ftp://example.com",
  LOG_LEVEL: "loud",
  BODY_LIMIT_BYTES: "abc",
  DB_CONNECT_TIMEOUT_SECONDS: "abc",
  CORS_ORIGINS: "https://example.com/path",
  SHUTDOWN_GRACE_SECONDS: "abc",
  METRICS_TOKEN: "short",
} satisfies Partial<Record<keyof Config, string>>;

/** Output lines that name `variable` as the subject of a problem (`NAME: ...`). */
export function linesNaming(output: string, variable: string): string[] {
  return output.split("\n").filter((line) => new RegExp(`(^|\\s)${variable}: `).test(line));
}

export type PnpmRun = {
  /** Everything printed so far (stdout and stderr, colours removed). */
  output(): string;
  /** Resolves with the output once `pattern` appears; rejects if the command ends first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
  /** Ends the whole process group (turbo, pnpm, tsx and the server). */
  stop(): Promise<number | null>;
};

/**
 * `pnpm <args>` at the repository root with only `env` (plus PATH and HOME), so nothing from
 * the caller's environment leaks in. In its own process group, so stop() reaches every child.
 */
export function runPnpm(args: string[], env: Record<string, string>): PnpmRun {
  const child = spawn("pnpm", args, {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      // Same CI as the surrounding run: it is part of turbo's hash (turbo.json's globalEnv).
      ...(process.env.CI === undefined ? {} : { CI: process.env.CI }),
      TURBO_TELEMETRY_DISABLED: "1",
      NO_COLOR: "1",
      FORCE_COLOR: "0",
      ...env,
    },
  });
  let text = "";
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    // eslint-disable-next-line no-control-regex
    text += d.toString().replace(/\x1b\[[0-9;]*m/g, "");
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      for (const listener of listeners) listener();
      resolve(code);
    });
  });
  let done = false;
  void exited.finally(() => (done = true));
  return {
    output: () => text,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(text);
          if (match) {
            listeners.delete(check);
            resolve(match);
          } else if (done || child.exitCode !== null) {
            listeners.delete(check);
            reject(new Error(`pnpm ${args.join(" ")} ended before ${pattern}:\n${text}`));
          }
        };
        listeners.add(check);
        check();
      }),
    stop: async () => {
      if (!done && child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // the group is already gone
        }
      }
      return exited;
    },
  };
}
