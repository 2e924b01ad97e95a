// Configuration shared by everything that opens the database (server, CLI, seed).
import { isValidTimeZone } from "@marquee/domain";
import { z } from "zod";
import { DatabaseUrlError, parseDatabaseUrl } from "./create-db";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const dbEnvShape = {
  DATABASE_URL: optional(
    z.string().superRefine((url, ctx) => {
      try {
        parseDatabaseUrl(url);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: error instanceof DatabaseUrlError ? error.message : String(error),
        });
      }
    }),
  ),
  CINEMA_TIMEZONE: optional(
    z.string().refine(isValidTimeZone, { error: "must be an IANA time zone such as Europe/Paris" }),
  ).transform((v) => v ?? "UTC"),
  CINEMA_CURRENCY: optional(
    z.string().regex(/^[A-Z]{3}$/, { error: "must be an ISO 4217 code such as EUR" }),
  ).transform((v) => v ?? "EUR"),
  ADMIN_EMAIL: optional(z.email({ error: "must be an e-mail address" })),
  ADMIN_PASSWORD: optional(z.string().min(12, { error: "must be at least 12 characters" })),
  SEED_DEMO: optional(bool).transform((v) => v ?? true),
};

export const dbEnvSchema = z.object(dbEnvShape);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

/** Parses the environment; on failure, one line per bad variable naming the problem. */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined> = process.env,
): z.output<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join(".") || "environment";
    const value = env[key];
    const shown = value === undefined || /PASSWORD|SECRET|URL/.test(key) ? "" : ` (got "${value}")`;
    return `${key}: ${issue.message}${shown}`;
  });
  throw new ConfigError(problems);
}
