// Every setting Marquee reads from the environment, each with its default beside it. The
// server, the db CLI (migrate, seed) and the API's defaults all parse this one schema, so a
// variable cannot be honoured by one command and silently ignored by another.
import { isIP } from "node:net";
import { isValidTimeZone } from "@marquee/domain";
import { z } from "zod";
import {
  type Provider,
  DatabaseUrlError,
  DEFAULT_PGLITE_DIR,
  DEFAULT_POOL_SIZE,
  parseDatabaseUrl,
} from "./create-db";
import type { SeedOptions } from "./seed";

const BOOLEAN_WORDS = { true: true, false: false, "1": true, "0": false, yes: true, no: false };

/** The one boolean syntax of every flag: true/false, 1/0 or yes/no, in any case. */
export const booleanSetting = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => Object.hasOwn(BOOLEAN_WORDS, v), { error: "must be true/false, 1/0 or yes/no" })
  .transform((v) => BOOLEAN_WORDS[v as keyof typeof BOOLEAN_WORDS]);

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    // Digits only: Number() would also accept "1e3", "0x10" or "12.0".
    .regex(/^-?\d+$/, { error: "must be a whole number" })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    );

/** An empty variable (`FOO=`) means "not set", as in most shells' .env habits. */
const unset = (v: unknown) => (v === "" ? undefined : v);

/** A setting with a default: absent or empty gives the default. */
function setting<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
  return z.preprocess(unset, schema.optional()).transform((v): z.output<T> => v ?? fallback);
}

/** A setting without a fixed default (derived elsewhere at run time, or not needed). */
function optionalSetting<T extends z.ZodType>(schema: T) {
  return z.preprocess(unset, schema.optional());
}

const databaseUrl = z.string().superRefine((url, ctx) => {
  try {
    parseDatabaseUrl(url);
  } catch (error) {
    ctx.addIssue({
      code: "custom",
      message: error instanceof DatabaseUrlError ? error.message : String(error),
    });
  }
});

const PROXY_KEYWORDS = ["loopback", "linklocal", "uniquelocal"];
const isProxyAddress = (entry: string) => {
  if (PROXY_KEYWORDS.includes(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};
const TRUST_PROXY_FORMS =
  "must be false, the number of proxies in front (e.g. 1), or their addresses (e.g. 10.0.0.1,10.0.0.0/8)";

/**
 * Which reverse proxies to believe about the client's address and protocol, in Fastify's
 * forms: none, a hop count, or the proxies' addresses. "true" is refused: it believes the
 * left-most X-Forwarded-For entry, which the client writes itself.
 */
const trustProxySetting = z
  .string()
  .trim()
  .transform((value, ctx): false | number | string => {
    const v = value.toLowerCase();
    if (["false", "no", "0"].includes(v)) return false;
    if (["true", "yes"].includes(v)) {
      ctx.addIssue({
        code: "custom",
        message: `${TRUST_PROXY_FORMS}; true would let any client choose its own address`,
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(v) && Number(v) <= 10) return Number(v);
    const entries = v.split(",").map((e) => e.trim());
    if (entries.every(isProxyAddress)) return entries.join(",");
    ctx.addIssue({ code: "custom", message: TRUST_PROXY_FORMS });
    return z.NEVER;
  });

/** Comma-separated http(s) origins (scheme, host, port: no path), as browsers send them. */
const corsOrigins = z.string().transform((value, ctx): string[] => {
  const entries = value
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  const origins: string[] = [];
  for (const entry of entries) {
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {
      // reported below
    }
    if (!url || !/^https?:$/.test(url.protocol) || entry.replace(/\/$/, "") !== url.origin) {
      ctx.addIssue({
        code: "custom",
        message: `must be http(s) origins (no path), comma-separated, e.g. https://kiosk.example.com; "${entry}" is not one`,
      });
      return z.NEVER;
    }
    origins.push(url.origin);
  }
  return origins;
});

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** One key per row of README.md's "Configuration" table (a test keeps them equal). */
export const configSchema = z.object({
  PORT: setting(int(0, 65_535), 3000),
  HOST: setting(z.string().min(1), "0.0.0.0"),
  // Server processes sharing the port (node:cluster); above 1 needs PostgreSQL.
  WORKERS: setting(int(1, 64), 1),
  DATABASE_URL: setting(databaseUrl, `pglite:${DEFAULT_PGLITE_DIR}`),
  DATABASE_POOL_SIZE: setting(int(1, 1000), DEFAULT_POOL_SIZE),
  // No fixed default: DEFAULT_WAITING_PER_CONNECTION × the pool size (createDb decides).
  DATABASE_MAX_WAITING: optionalSetting(int(0, 100_000)),
  CINEMA_TIMEZONE: setting(
    z.string().refine(isValidTimeZone, { error: "must be an IANA time zone such as Europe/Paris" }),
    "UTC",
  ),
  CINEMA_CURRENCY: setting(
    z.string().regex(/^[A-Z]{3}$/, { error: "must be an ISO 4217 code such as EUR" }),
    "EUR",
  ),
  HOLD_MINUTES: setting(int(1, 120), 10),
  CLEANING_MINUTES: setting(int(0, 240), 15),
  ADMIN_EMAIL: setting(z.email({ error: "must be an e-mail address" }), "admin@marquee.local"),
  // No default: generated on PGlite, required on PostgreSQL (the seed decides).
  ADMIN_PASSWORD: optionalSetting(z.string().min(12, { error: "must be at least 12 characters" })),
  SEED_DEMO: setting(booleanSetting, true),
  MAX_SEATS_PER_BOOKING: setting(int(1, 100), 10),
  MAX_SEATS_PER_SHOWTIME: setting(int(1, 1000), 10),
  SALES_CUTOFF_MINUTES: setting(int(0, 1440), 0),
  AUTH_MAX_FAILED_LOGINS: setting(int(1, 1_000_000), 10),
  AUTH_MAX_REGISTRATIONS: setting(int(1, 1_000_000), 20),
  RATE_LIMIT_PER_MINUTE: setting(int(0, 1_000_000), 600),
  // How long a process reuses a session lookup; revocations reach every process at once.
  SESSION_CACHE_MS: setting(int(0, 60_000), 3_000),
  MAX_LIVE_STREAMS: setting(int(1, 1_000_000), 5_000),
  MAX_LIVE_STREAMS_PER_ADDRESS: setting(int(1, 1_000_000), 20),
  TRUST_PROXY: setting(trustProxySetting, false),
  // No default: the host falls back to the request's Host header.
  PUBLIC_ORIGIN: optionalSetting(
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) origin such as https://example.com" })
      .transform((v) => new URL(v).origin),
  ),
  LOG_LEVEL: setting(
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }),
    "info",
  ),
  BODY_LIMIT_BYTES: setting(int(1024, 10_485_760), 102_400),
  // No default: the host looks for the built web app next to itself.
  WEB_DIST_DIR: optionalSetting(z.string().min(1)),
  CHECKIN_OPENS_MINUTES: setting(int(0, 1440), 60),
  // No default: without it mails stay in the outbox (admin "Outbox" page) and nothing is sent.
  SMTP_URL: optionalSetting(
    z.url({
      protocol: /^smtps?$/,
      error: "must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587",
    }),
  ),
  MAIL_FROM: setting(
    z
      .string()
      .trim()
      .regex(/^([^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
        error: "must be an address, optionally with a name: Marquee <tickets@example.com>",
      }),
    "Marquee <no-reply@marquee.local>",
  ),
  MAIL_RETRY_BASE_SECONDS: setting(int(1, 3600), 30),
  MAIL_MAX_ATTEMPTS: setting(int(1, 100), 10),
  // No default: no other origin may call the API from a browser.
  CORS_ORIGINS: optionalSetting(corsOrigins),
  DB_CONNECT_TIMEOUT_SECONDS: setting(int(0, 3600), 30),
  SHUTDOWN_GRACE_SECONDS: setting(int(0, 600), 5),
  // No default: /metrics is off unless a token is set (scrapers send it as a bearer token).
  METRICS_TOKEN: optionalSetting(
    z
      .string()
      .regex(/^[\x21-\x7e]{16,256}$/, { error: "must be 16-256 printable characters, no spaces" }),
  ),
});

export type Config = z.output<typeof configSchema>;

/** The names of every variable Marquee reads (for turbo's pass-through list and its test). */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape) as (keyof Config)[];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

/** Parses the environment; on failure, one line per bad variable naming the problem. */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined>,
): z.output<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join(".") || "environment";
    const value = env[key];
    const shown =
      value === undefined || /PASSWORD|SECRET|TOKEN|URL/.test(key) ? "" : ` (got "${value}")`;
    return `${key}: ${issue.message}${shown}`;
  });
  throw new ConfigError(problems);
}

/** The whole configuration; the one place that reads these variables from process.env. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parseEnv(configSchema, env);
}

/** Every setting at its default, as if no variable were set. */
export const configDefaults: Config = loadConfig({});

/** What the seed needs from the configuration: one mapping for the server and the CLI. */
export function seedOptionsFrom(config: Config, provider: Provider): SeedOptions {
  return {
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
    // Embedded databases are for trying Marquee out: invent a password rather than refuse.
    generateAdminPassword: provider === "pglite",
    demo: config.SEED_DEMO,
    timeZone: config.CINEMA_TIMEZONE,
    currency: config.CINEMA_CURRENCY,
    cleaningMinutes: config.CLEANING_MINUTES,
  };
}
