// Shared by the outbox tests: a worker against the in-process SMTP server, a booking scene, and
// ways to read what arrived.
import { type PrismaClient } from "@marquee/db";
import { type TestDatabase } from "@marquee/db/testing";
import { createOutboxWorker } from "../services/mail/worker";
import { smtpTransport } from "../services/mail/transport";
import { createBookingScene } from "./factories";
import { type TestSmtp } from "./smtp";

export const MINUTE = 60_000;
export const T0 = new Date("2031-03-01T12:00:00.000Z");
export const STARTS = new Date("2031-03-10T19:00:00.000Z");

export function workerFor(
  db: PrismaClient,
  smtp: TestSmtp,
  options: { retryBaseMs?: number; maxAttempts?: number } = {},
) {
  return createOutboxWorker({
    db,
    transport: smtpTransport(smtp.url),
    from: "Marquee <tickets@marquee.test>",
    timeZone: "Europe/Paris",
    origin: "https://tickets.marquee.test",
    retryBaseMs: options.retryBaseMs ?? 60 * MINUTE,
    maxAttempts: options.maxAttempts ?? 10,
  });
}

/** Runs the worker until nothing is due (each mail is claimed once per run). */
export async function drain(worker: ReturnType<typeof workerFor>) {
  let total = 0;
  for (let tried = await worker.runOnce(); tried > 0; tried = await worker.runOnce())
    total += tried;
  return total;
}

export async function scene(db: TestDatabase) {
  const s = await createBookingScene(db.prisma, { now: T0, startsAt: STARTS });
  const book = async (who: typeof s.alice, labels: string[], now = T0) => {
    const hold = await s.hold(who, labels, now);
    return s.as(who, now).reservation.confirm({ reservationId: hold.id });
  };
  return { ...s, book };
}

export const textOf = (mail: { text?: string | undefined }) => mail.text ?? "";
export const mailsTo = (smtp: TestSmtp, address: string) =>
  smtp.inbox.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === address);
