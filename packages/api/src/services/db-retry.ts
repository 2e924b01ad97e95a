// Transactions that lose a serialization or deadlock race are retried a bounded number of
// times: those are the failures a retry can fix. Constraint violations are not retried:
// they are answers (the seat is taken), not accidents.
import { isRetryableConflict } from "./db-errors";

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
