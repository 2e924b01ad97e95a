// Turns an outbox row (what happened, to whom) into the mail to send.
import { type OutboxKind, type PrismaClient } from "@marquee/db";
import { z } from "zod";
import { readReservation } from "../booking/read-reservation";
import { toReservationView } from "../booking/views";
import {
  bookingCancelledMail,
  bookingConfirmedMail,
  showtimeCancelledMail,
  showtimeMovedMail,
} from "./booking-mails";
import { type RenderedMail } from "./layout";
import { passwordResetMail } from "./reset-mail";

export type OutboxMessage = { id: string; kind: OutboxKind; payload: unknown };
export type RenderOptions = { timeZone: string; origin: string | null; now: Date };

/** How long a reset link works; the token row's expiry says the same. */
export const RESET_TOKEN_MINUTES = 30;

const ZBooking = z.object({ reservationId: z.uuid(), reason: z.string().nullish() });
const ZMoved = z.object({
  reservationId: z.uuid(),
  oldStartsAt: z.coerce.date(),
  newStartsAt: z.coerce.date(),
});
const ZReset = z.object({ link: z.url() });

export async function renderOutboxMail(
  db: Pick<PrismaClient, "$queryRaw">,
  message: OutboxMessage,
  options: RenderOptions,
): Promise<RenderedMail> {
  if (message.kind === "PASSWORD_RESET") {
    const { link } = ZReset.parse(message.payload);
    return passwordResetMail({ link, minutes: RESET_TOKEN_MINUTES });
  }
  const booking = async (reservationId: string) =>
    toReservationView(await readReservation(db, reservationId), {
      now: options.now,
      timeZone: options.timeZone,
    });
  switch (message.kind) {
    case "BOOKING_CONFIRMED": {
      const p = ZBooking.parse(message.payload);
      return bookingConfirmedMail(await booking(p.reservationId), options);
    }
    case "BOOKING_CANCELLED": {
      const p = ZBooking.parse(message.payload);
      return bookingCancelledMail(await booking(p.reservationId), p.reason ?? null, options);
    }
    case "SHOWTIME_CANCELLED": {
      const p = ZBooking.parse(message.payload);
      return showtimeCancelledMail(await booking(p.reservationId), p.reason ?? null, options);
    }
    case "SHOWTIME_MOVED": {
      const p = ZMoved.parse(message.payload);
      return showtimeMovedMail(await booking(p.reservationId), p, options);
    }
  }
}
