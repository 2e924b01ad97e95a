// Throttling counters live in the database, so every server process enforces one limit.
// Each counted attempt is a row; a limit is "at most N rows of this kind and key within the
// window", a sliding window with an exact Retry-After. A slot is TAKEN before the guarded
// work (a password check, a code lookup) runs, under an advisory lock per bucket, so N
// parallel attempts can never run more than the limit; success gives the slot back. Taking
// slots is one SQL call (marquee_take_auth_slots), so waiting on a lock pins no transaction.
import { type AuthAttemptKind, type PrismaClient } from "@marquee/db";
import { AppError } from "../../errors";
import { uuidv7 } from "../ids";

export type Limit = { max: number; windowMs: number };
export type Bucket = { kind: AuthAttemptKind; key: string; limit: Limit };

/** The window for sign-ins and code lookups, and the one for sign-ups. */
export const FIFTEEN_MINUTES = 15 * 60 * 1000;
export const ONE_HOUR = 60 * 60 * 1000;

type Deps = { db: PrismaClient; now: () => Date };

/**
 * Takes one slot in every bucket, or none at all (RATE_LIMITED naming when to retry).
 * Returns the ids of the counted attempts, to give back when the guarded work succeeds.
 * One statement: marquee_take_auth_slots (migration 20261124233000_take_auth_slots_in_one_call)
 * locks the buckets, counts and inserts, so no pooled connection is held between round trips.
 */
export async function takeSlots(deps: Deps, buckets: Bucket[], message: string): Promise<string[]> {
  const names = new Set(buckets.map((b) => `${b.kind}:${b.key}`));
  if (names.size !== buckets.length) throw new Error("takeSlots: the same bucket is named twice");
  const now = deps.now();
  const ids = buckets.map(() => uuidv7(now.getTime()));
  // Kinds go as text[] then cast: PGlite cannot send an array of an enum it does not know.
  const rows = await deps.db.$queryRaw<{ retryAfterSeconds: number }[]>`
    SELECT marquee_take_auth_slots(
      ${ids}::uuid[], ${buckets.map((b) => b.kind)}::text[]::"AuthAttemptKind"[],
      ${buckets.map((b) => b.key)}::text[], ${buckets.map((b) => b.limit.max)}::integer[],
      ${buckets.map((b) => b.limit.windowMs)}::bigint[], ${now}::timestamptz
    ) AS "retryAfterSeconds"`;
  const retryAfterSeconds = Number(rows[0]?.retryAfterSeconds ?? 0);
  if (retryAfterSeconds > 0) {
    throw new AppError("RATE_LIMITED", message, { reason: "RATE_LIMITED", retryAfterSeconds });
  }
  return ids;
}

/** Gives slots back (the guarded work succeeded), and forgets whole buckets if asked. */
export async function giveBack(
  deps: Deps,
  slots: string[],
  buckets: { kind: AuthAttemptKind; key: string }[] = [],
): Promise<void> {
  await deps.db.authAttempt.deleteMany({
    where: { OR: [{ id: { in: slots } }, ...buckets.map((b) => ({ kind: b.kind, key: b.key }))] },
  });
}

/** Drops rows older than every window; cheap, called now and then. */
export async function pruneAttempts(
  deps: { db: Pick<PrismaClient, "authAttempt">; now: () => Date },
  olderThanMs: number,
): Promise<number> {
  const result = await deps.db.authAttempt.deleteMany({
    where: { createdAt: { lt: new Date(deps.now().getTime() - olderThanMs) } },
  });
  return result.count;
}

/**
 * Runs a password check (null: wrong) inside the sign-in buckets (tight per account and address, looser
 * ceilings per account and per address): counted before the check, so parallel guesses
 * cannot outrun the limit; on success this attempt and the pair's earlier misses no longer
 * count, so the rightful owner is never held back by their own typos.
 */
export async function throttledPasswordCheck<T>(
  deps: Deps & { clientIp: string; config: { maxFailedLogins: number } },
  input: { email: string; message: string },
  check: () => Promise<T | null>,
): Promise<T | null> {
  const tight = { max: deps.config.maxFailedLogins, windowMs: FIFTEEN_MINUTES };
  const ceiling = { max: deps.config.maxFailedLogins * 5, windowMs: FIFTEEN_MINUTES };
  const pair: Bucket = {
    kind: "SIGN_IN_PAIR",
    key: `${input.email} ${deps.clientIp}`,
    limit: tight,
  };
  const slots = await takeSlots(
    deps,
    [
      pair,
      { kind: "SIGN_IN_ACCOUNT", key: input.email, limit: ceiling },
      { kind: "SIGN_IN_ADDRESS", key: deps.clientIp, limit: ceiling },
    ],
    input.message,
  );
  const passed = await check();
  if (passed !== null) await giveBack(deps, slots, [pair]);
  return passed;
}
