// Housekeeping: deletes rows that no rule reads any more. Nothing here is needed for
// correctness (throttle windows, session expiry and reset-token expiry are all decided when
// a row is read); it keeps these tables from growing for ever. Safe to run in every process
// at once: each step is one DELETE with a fixed cut-off.
import { type PrismaClient } from "@marquee/db";
import { ONE_HOUR, pruneAttempts } from "../auth/throttle";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long rows are kept after they stop mattering. */
export const RETENTION = {
  /** Throttle attempts: the longest window (an hour); older rows count for nothing. */
  authAttemptsMs: ONE_HOUR,
  /** Expired sessions: a day, so support can still see a recent one. */
  expiredSessionsMs: DAY_MS,
  /** Reset tokens, once used or expired: a day (their links are dead either way). */
  spentResetTokensMs: DAY_MS,
  /** Sent and given-up mails stay on the admin Outbox page for 30 days. */
  finishedMailMs: 30 * DAY_MS,
} as const;

export type TidyCounts = {
  authAttempts: number;
  sessions: number;
  resetTokens: number;
  mails: number;
};

type Db = Pick<PrismaClient, "authAttempt" | "session" | "passwordResetToken" | "outbox">;

export async function tidy(db: Db, now: Date): Promise<TidyCounts> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  const spent = before(RETENTION.spentResetTokensMs);
  const [authAttempts, sessions, resetTokens, mails] = await Promise.all([
    pruneAttempts({ db, now: () => now }, RETENTION.authAttemptsMs),
    db.session.deleteMany({ where: { expiresAt: { lt: before(RETENTION.expiredSessionsMs) } } }),
    db.passwordResetToken.deleteMany({
      where: { OR: [{ expiresAt: { lt: spent } }, { usedAt: { lt: spent } }] },
    }),
    db.outbox.deleteMany({
      where: {
        status: { in: ["SENT", "FAILED"] },
        createdAt: { lt: before(RETENTION.finishedMailMs) },
      },
    }),
  ]);
  return {
    authAttempts,
    sessions: sessions.count,
    resetTokens: resetTokens.count,
    mails: mails.count,
  };
}
