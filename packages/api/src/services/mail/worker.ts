// The outbox worker: one per server process. It claims due mails (FOR UPDATE SKIP LOCKED, see
// outbox-sql.ts), renders and sends them, and records the outcome: sent, or retried after an
// exponential back-off, or given up after maxAttempts. Without a transport (no SMTP_URL) it
// does not run, and mails wait in the outbox.
import { type PrismaClient } from "@marquee/db";
import { claimDue, countPending, markFailed, markSent, type ClaimedRow } from "./outbox-sql";
import { renderOutboxMail } from "./render";
import { type MailTransport } from "./transport";

export type OutboxWorkerOptions = {
  db: PrismaClient;
  transport: MailTransport;
  from: string;
  timeZone: string;
  /** Where links in booking mails point (PUBLIC_ORIGIN); none without it. */
  origin: string | null;
  /** First retry delay; it doubles with each failed attempt. */
  retryBaseMs: number;
  maxAttempts: number;
  /** How often to look for due mails when there was nothing to do. */
  pollMs?: number;
  /** How long a claimed mail is left to its worker before others may retry it. */
  leaseMs?: number;
  batch?: number;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
};

export type OutboxWorker = {
  /** Claims and sends one batch; resolves to how many mails it tried. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops polling and waits for the batch in hand. */
  stop(): Promise<void>;
};

const DEFAULT_POLL_MS = 2_000;
/** Longer than the transport's timeouts, so a live worker's send never overlaps a retry. */
const DEFAULT_LEASE_MS = 5 * 60_000;

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db } = options;
  const batch = options.batch ?? 10;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;

  async function deliver(row: ClaimedRow): Promise<void> {
    try {
      const mail = await renderOutboxMail(db, row, {
        timeZone: options.timeZone,
        origin: options.origin,
        now: new Date(),
      });
      await options.transport.send({ from: options.from, to: row.recipient, ...mail });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db.$executeRaw(
        markFailed({
          id: row.id,
          error: message,
          baseMs: options.retryBaseMs,
          maxAttempts: options.maxAttempts,
        }),
      );
      options.log?.warn({ outboxId: row.id, attempt: row.attempts, err: message }, "mail not sent");
      return;
    }
    await db.$executeRaw(markSent(row.id));
  }

  async function runOnce(): Promise<number> {
    const rows = await db.$queryRaw<ClaimedRow[]>(
      claimDue({ batch, leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS }),
    );
    for (const row of rows) await deliver(row);
    return rows.length;
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().catch((error: unknown) => {
        options.log?.warn({ err: error }, "outbox worker: claiming mails failed");
        return 0;
      });
      void running.then((tried) => {
        running = null;
        // A full batch means there may be more: go again at once.
        schedule(tried >= batch ? 0 : (options.pollMs ?? DEFAULT_POLL_MS));
      });
    }, delay);
    timer.unref();
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** Mails waiting to be sent (for the start-up line when no SMTP server is configured). */
export async function pendingMails(db: Pick<PrismaClient, "$queryRaw">): Promise<number> {
  const [row] = await db.$queryRaw<{ pending: number }[]>(countPending());
  return row?.pending ?? 0;
}
