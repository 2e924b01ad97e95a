// The outbox's statements. Claiming takes due rows with FOR UPDATE SKIP LOCKED and leases them
// (pushes nextAttemptAt ahead) in one statement, so two workers never take one row, and a
// worker that dies mid-send leaves its rows to be retried once the lease runs out.
import { Prisma, type OutboxKind } from "@marquee/db";

export type ClaimedRow = {
  id: string;
  kind: OutboxKind;
  recipient: string;
  payload: unknown;
  attempts: number;
};

export const claimDue = (input: { batch: number; leaseMs: number }) => Prisma.sql`
  WITH due AS (
    SELECT id FROM "Outbox"
    WHERE status = 'PENDING' AND "nextAttemptAt" <= now()
    ORDER BY "nextAttemptAt", id
    LIMIT ${input.batch}
    FOR UPDATE SKIP LOCKED)
  UPDATE "Outbox" o
  SET attempts = o.attempts + 1,
      "nextAttemptAt" = now() + make_interval(secs => ${input.leaseMs / 1000}::float8)
  FROM due WHERE o.id = due.id
  RETURNING o.id, o.kind::text AS kind, o.recipient, o.payload, o.attempts`;

/** Sent: a reset link is dropped from the row (it is a credential while it is valid). */
export const markSent = (id: string) => Prisma.sql`
  UPDATE "Outbox"
  SET status = 'SENT', "sentAt" = now(), "lastError" = NULL,
      payload = CASE WHEN kind = 'PASSWORD_RESET' THEN payload - 'link' ELSE payload END
  WHERE id = ${id}::uuid`;

/** Failed: retried after base × 2^(attempts-1), or given up after maxAttempts. */
export const markFailed = (input: {
  id: string;
  error: string;
  baseMs: number;
  maxAttempts: number;
}) => Prisma.sql`
  UPDATE "Outbox"
  SET "lastError" = ${input.error.slice(0, 1000)},
      status = CASE WHEN attempts >= ${input.maxAttempts} THEN 'FAILED'::"OutboxStatus"
                    ELSE 'PENDING'::"OutboxStatus" END,
      "nextAttemptAt" = now() + make_interval(
        secs => ${input.baseMs / 1000}::float8 * power(2, least(attempts - 1, 20)))
  WHERE id = ${input.id}::uuid`;

/** Mails waiting (not yet sent, not given up). */
export const countPending = () => Prisma.sql`
  SELECT count(*)::int AS pending FROM "Outbox" WHERE status = 'PENDING'`;
