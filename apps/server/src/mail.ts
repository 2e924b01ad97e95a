// The process's outbox worker: started with the server, stopped (its batch in hand finished)
// before the database closes. Without SMTP_URL nothing is sent and the log says where to look.
import { type Config, type PrismaClient } from "@marquee/db";
import { createOutboxWorker, pendingMails, smtpTransport } from "@marquee/api";

type Log = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
};

export async function startMail(
  db: PrismaClient,
  env: Config,
  log: Log,
): Promise<{ stop(): Promise<void> }> {
  if (!env.SMTP_URL) {
    const pending = await pendingMails(db);
    log.warn(
      { pending },
      "SMTP_URL is not set: mails are kept in the outbox, not sent. Admins read them on the " +
        'web app\'s "Outbox" page (/admin/outbox); set SMTP_URL to send them.',
    );
    return { stop: async () => {} };
  }
  const transport = smtpTransport(env.SMTP_URL);
  const worker = createOutboxWorker({
    db,
    transport,
    from: env.MAIL_FROM,
    timeZone: env.CINEMA_TIMEZONE,
    origin: env.PUBLIC_ORIGIN ?? null,
    retryBaseMs: env.MAIL_RETRY_BASE_SECONDS * 1000,
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
    log,
  });
  worker.start();
  log.info({ from: env.MAIL_FROM }, "sending mails from the outbox");
  return {
    async stop() {
      await worker.stop();
      transport.close();
    },
  };
}
