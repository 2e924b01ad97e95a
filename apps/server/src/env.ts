// The server's configuration: everything comes from the environment, validated at start-up.
import { ConfigError, dbEnvShape, parseEnv } from "@marquee/db";
import { z } from "zod";

const int = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const serverEnvSchema = z.object({
  ...dbEnvShape,
  PORT: optional(int("PORT", 0, 65_535)).transform((v) => v ?? 3000),
  HOST: optional(z.string().min(1)).transform((v) => v ?? "0.0.0.0"),
  HOLD_MINUTES: optional(int("HOLD_MINUTES", 1, 120)).transform((v) => v ?? 10),
  CLEANING_MINUTES: optional(int("CLEANING_MINUTES", 0, 240)).transform((v) => v ?? 15),
  LOG_LEVEL: optional(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "must be one of fatal, error, warn, info, debug, trace, silent",
    }),
  ).transform((v) => v ?? "info"),
  BODY_LIMIT_BYTES: optional(int("BODY_LIMIT_BYTES", 1024, 10_485_760)).transform(
    (v) => v ?? 102_400,
  ),
  WEB_DIST_DIR: optional(z.string().min(1)),
  MAX_SEATS_PER_BOOKING: optional(int("MAX_SEATS_PER_BOOKING", 1, 100)).transform((v) => v ?? 10),
  SALES_CUTOFF_MINUTES: optional(int("SALES_CUTOFF_MINUTES", 0, 1440)).transform((v) => v ?? 0),
  AUTH_MAX_FAILED_LOGINS: optional(int("AUTH_MAX_FAILED_LOGINS", 1, 1_000_000)).transform(
    (v) => v ?? 10,
  ),
  AUTH_MAX_REGISTRATIONS: optional(int("AUTH_MAX_REGISTRATIONS", 1, 1_000_000)).transform(
    (v) => v ?? 20,
  ),
  TRUST_PROXY: optional(
    z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true"),
  ).transform((v) => v ?? false),
  PUBLIC_ORIGIN: optional(
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) origin such as https://example.com" })
      .transform((v) => new URL(v).origin),
  ),
});

export type ServerEnv = z.output<typeof serverEnvSchema>;

export function loadEnv(env: Record<string, string | undefined> = process.env): ServerEnv {
  return parseEnv(serverEnvSchema, env);
}

export { ConfigError };
