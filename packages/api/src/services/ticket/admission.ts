// What the door reads about a booking, and how it answers: shared by check-in and its undo.
import { type Prisma, type PrismaClient } from "@marquee/db";
import {
  checkInRefusalMessage,
  localDateOf,
  localTimeOf,
  normalizeBookingCode,
  type CheckInRefusalReason,
} from "@marquee/domain";
import { AppError } from "../../errors";

export const admissionSelect = {
  id: true,
  code: true,
  status: true,
  holdExpiresAt: true,
  checkedInAt: true,
  user: { select: { name: true, email: true } },
  seats: { select: { seat: { select: { row: true, number: true, x: true, y: true } } } },
  showtime: {
    select: {
      id: true,
      status: true,
      startsAt: true,
      endsAt: true,
      movie: { select: { id: true, title: true } },
      hall: { select: { id: true, name: true } },
    },
  },
} as const satisfies Prisma.ReservationSelect;

export type AdmissionRow = Prisma.ReservationGetPayload<{ select: typeof admissionSelect }>;

export type AdmissionView = {
  code: string;
  showtime: { id: string; startsAt: string; endsAt: string; localDate: string; localTime: string };
  movie: { id: string; title: string };
  hall: { id: string; name: string };
  /** Seat labels in seat-map order, e.g. ["F7", "F8"]. */
  seats: string[];
  /** When the guest was admitted; null after an undo. */
  checkedInAt: string | null;
  holder: { name: string; email: string } | null;
};

/** The booking with this code (typed as people type it), or NOT_FOUND. */
export async function findAdmission(
  db: Pick<PrismaClient, "reservation">,
  rawCode: string,
): Promise<AdmissionRow> {
  const code = normalizeBookingCode(rawCode);
  const row = await db.reservation.findUnique({ where: { code }, select: admissionSelect });
  if (!row) throw new AppError("NOT_FOUND", `No booking with code ${code}`);
  return row;
}

export function toAdmissionView(row: AdmissionRow, timeZone: string): AdmissionView {
  const { showtime } = row;
  return {
    code: row.code,
    showtime: {
      id: showtime.id,
      startsAt: showtime.startsAt.toISOString(),
      endsAt: showtime.endsAt.toISOString(),
      localDate: localDateOf(showtime.startsAt, timeZone),
      localTime: localTimeOf(showtime.startsAt, timeZone),
    },
    movie: showtime.movie,
    hall: showtime.hall,
    seats: row.seats
      .map((s) => s.seat)
      .sort((a, b) => a.y - b.y || a.x - b.x)
      .map((s) => `${s.row}${s.number}`),
    checkedInAt: row.checkedInAt?.toISOString() ?? null,
    holder: row.user,
  };
}

export const refused = (refusal: CheckInRefusalReason) =>
  new AppError("CONFLICT", checkInRefusalMessage(refusal), refusal);
