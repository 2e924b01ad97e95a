// Transactions that lose a serialization or deadlock race are retried a bounded number of
// times: those are the failures a retry can fix. Constraint violations are not retried:
// they are answers (the seat is taken), not accidents.
import { isDatabaseError } from "./catalog/db-errors";

function hasKind(error: unknown, kind: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth += 1) {
    if (typeof e !== "object") return false;
    const node = e as { kind?: unknown; code?: unknown; cause?: unknown; meta?: unknown };
    if (node.kind === kind || node.code === kind) return true;
    const meta = node.meta as { driverAdapterError?: unknown } | undefined;
    e = meta?.driverAdapterError ?? node.cause;
  }
  return false;
}

export function isRetryableConflict(error: unknown): boolean {
  return (
    isDatabaseError(error, { sqlState: "40001" }) ||
    isDatabaseError(error, { sqlState: "40P01" }) ||
    hasKind(error, "P2034") ||
    hasKind(error, "TransactionWriteConflict")
  );
}

/** No connection or transaction slot in time (Prisma P2024 pool timeout, P2028). */
export function isDatabaseBusy(error: unknown): boolean {
  return hasKind(error, "P2024") || hasKind(error, "P2028");
}

/** Interactive transactions under load: wait longer for a connection than Prisma's 2 s. */
export const BUSY_TRANSACTION = { maxWait: 10_000, timeout: 15_000 } as const;

export async function withRetry<T>(
  fn: () => Promise<T>,
  options: { attempts?: number; onRetry?: (attempt: number, error: unknown) => void } = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      options.onRetry?.(attempt, error);
      // Jittered back-off so the racers do not collide again in lockstep.
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
