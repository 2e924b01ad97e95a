// Throttling counters live in the database, so every server process enforces one limit.
// Each counted attempt is a row; a limit is "at most N rows of this kind and key within the
// window", a sliding window with an exact Retry-After. A slot is TAKEN before the guarded
// work (a password check, a code lookup) runs, under an advisory lock per bucket, so N
// parallel attempts can never run more than the limit; success gives the slot back.
import { type Prisma, type AuthAttemptKind, type PrismaClient } from "@marquee/db";
import { AppError } from "../../errors";
import { uuidv7 } from "../ids";

export type Limit = { max: number; windowMs: number };
export type Bucket = { kind: AuthAttemptKind; key: string; limit: Limit };

/** The window for sign-ins and code lookups, and the one for sign-ups. */
export const FIFTEEN_MINUTES = 15 * 60 * 1000;
export const ONE_HOUR = 60 * 60 * 1000;

type Deps = { db: PrismaClient; now: () => Date };

/** When the bucket frees a slot: the oldest counted attempt that keeps it full leaves. */
async function retryAfterSeconds(
  tx: Prisma.TransactionClient,
  bucket: Bucket,
  now: Date,
): Promise<number> {
  const since = new Date(now.getTime() - bucket.limit.windowMs);
  const oldest = await tx.authAttempt.findMany({
    where: { kind: bucket.kind, key: bucket.key, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    skip: bucket.limit.max - 1,
    take: 1,
    select: { createdAt: true },
  });
  const freeAt = (oldest[0]?.createdAt.getTime() ?? now.getTime()) + bucket.limit.windowMs;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
}

/**
 * Takes one slot in every bucket, or none at all (RATE_LIMITED naming when to retry).
 * Returns the ids of the counted attempts, to give back when the guarded work succeeds.
 */
export async function takeSlots(deps: Deps, buckets: Bucket[], message: string): Promise<string[]> {
  const now = deps.now();
  return deps.db.$transaction(async (tx) => {
    const ids: string[] = [];
    for (const bucket of buckets) {
      const { kind, key, limit } = bucket;
      // Attempts on one bucket queue here, so each counts the ones committed before it.
      await tx.$queryRaw`
        SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`${kind}:${key}`}, 0))) l`;
      const since = new Date(now.getTime() - limit.windowMs);
      const taken = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO "AuthAttempt" (id, kind, key, "createdAt")
        SELECT ${uuidv7(now.getTime())}::uuid, ${kind}::"AuthAttemptKind", ${key}, ${now}
        WHERE (SELECT count(*) FROM "AuthAttempt"
               WHERE kind = ${kind}::"AuthAttemptKind" AND key = ${key} AND "createdAt" > ${since})
              < ${limit.max}
        RETURNING id`;
      const id = taken[0]?.id;
      if (!id) {
        throw new AppError("RATE_LIMITED", message, {
          reason: "RATE_LIMITED",
          retryAfterSeconds: await retryAfterSeconds(tx, bucket, now),
        });
      }
      ids.push(id);
    }
    return ids;
  });
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
