// Throttling counters live in the database, so every server process enforces one limit.
// Each counted attempt is a row; a limit is "at most N rows of this kind and key within the
// window", which is a sliding window with an exact Retry-After.
import { type AuthAttemptKind, type PrismaClient } from "@marquee/db";
import { AppError } from "../../errors";

export type Limit = { max: number; windowMs: number };

/** The window for failed sign-ins, and the one for sign-ups. */
export const FIFTEEN_MINUTES = 15 * 60 * 1000;
export const ONE_HOUR = 60 * 60 * 1000;

type Deps = { db: Pick<PrismaClient, "authAttempt">; now: () => Date };

export async function assertUnderLimit(
  deps: Deps,
  checks: { kind: AuthAttemptKind; key: string; limit: Limit; message: string }[],
): Promise<void> {
  const now = deps.now().getTime();
  for (const check of checks) {
    const since = new Date(now - check.limit.windowMs);
    const where = { kind: check.kind, key: check.key, createdAt: { gt: since } };
    const count = await deps.db.authAttempt.count({ where });
    if (count < check.limit.max) continue;
    // The window frees up when the oldest counted attempt falls out of it.
    const oldest = await deps.db.authAttempt.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: check.limit.max - 1,
      take: 1,
      select: { createdAt: true },
    });
    const freeAt = (oldest[0]?.createdAt.getTime() ?? now) + check.limit.windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now) / 1000));
    throw new AppError("RATE_LIMITED", check.message, {
      reason: "RATE_LIMITED",
      retryAfterSeconds,
    });
  }
}

export async function recordAttempts(
  deps: Deps,
  attempts: { kind: AuthAttemptKind; key: string }[],
): Promise<void> {
  const createdAt = deps.now();
  await deps.db.authAttempt.createMany({ data: attempts.map((a) => ({ ...a, createdAt })) });
}

export async function clearAttempts(
  deps: Deps,
  attempt: { kind: AuthAttemptKind; key: string },
): Promise<void> {
  await deps.db.authAttempt.deleteMany({ where: attempt });
}

/** Drops rows older than every window; cheap, called now and then. */
export async function pruneAttempts(deps: Deps, olderThanMs: number): Promise<number> {
  const result = await deps.db.authAttempt.deleteMany({
    where: { createdAt: { lt: new Date(deps.now().getTime() - olderThanMs) } },
  });
  return result.count;
}
