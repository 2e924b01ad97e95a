// The one JSON shape every reservation procedure returns.
import { type Prisma } from "@marquee/db";
import {
  effectiveStatus,
  localDateOf,
  localTimeOf,
  type ReservationStatus,
  type SeatKind,
  type ShowtimeStatus,
} from "@marquee/domain";

export type { ReservationStatus } from "@marquee/domain";

export type ReservedSeatView = {
  id: string;
  label: string;
  row: string;
  number: number;
  kind: SeatKind;
  /** Price paid, integer minor units, fixed when the seat was held. */
  price: number;
};

export type ReservationView = {
  id: string;
  code: string;
  /** HELD past its deadline reads as EXPIRED, whether or not the sweep has run. */
  status: ReservationStatus;
  showtimeId: string;
  seats: ReservedSeatView[];
  total: number;
  currency: string;
  /** Deadline of a hold; null once confirmed or ended. */
  expiresAt: string | null;
  createdAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  showtime: {
    id: string;
    startsAt: string;
    endsAt: string;
    /** Cinema-local date and start time (CINEMA_TIMEZONE). */
    localDate: string;
    localTime: string;
    status: ShowtimeStatus;
    cancelledReason: string | null;
    movie: { id: string; title: string; posterUrl: string | null; rating: string | null };
    hall: { id: string; name: string };
  };
  user: { id: string; email: string; name: string } | null;
};

export const reservationSelect = {
  id: true,
  code: true,
  status: true,
  showtimeId: true,
  total: true,
  currency: true,
  holdExpiresAt: true,
  createdAt: true,
  confirmedAt: true,
  cancelledAt: true,
  user: { select: { id: true, email: true, name: true } },
  seats: {
    select: {
      price: true,
      seat: { select: { id: true, row: true, number: true, kind: true, x: true, y: true } },
    },
  },
  showtime: {
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      cancelledReason: true,
      movie: { select: { id: true, title: true, posterUrl: true, rating: true } },
      hall: { select: { id: true, name: true } },
    },
  },
} as const satisfies Prisma.ReservationSelect;

export type ReservationRow = Prisma.ReservationGetPayload<{ select: typeof reservationSelect }>;

export { effectiveStatus };

export function toReservationView(
  row: ReservationRow,
  deps: { now: Date; timeZone: string },
): ReservationView {
  const status = effectiveStatus(row, deps.now);
  const seats = row.seats
    .map(({ seat, price }) => ({
      id: seat.id,
      label: `${seat.row}${seat.number}`,
      row: seat.row,
      number: seat.number,
      kind: seat.kind,
      price,
      order: [seat.y, seat.x] as const,
    }))
    .sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1])
    .map(({ order: _order, ...seat }) => seat);
  return {
    id: row.id,
    code: row.code,
    status,
    showtimeId: row.showtimeId,
    seats,
    total: row.total,
    currency: row.currency,
    expiresAt: status === "HELD" && row.holdExpiresAt ? row.holdExpiresAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    showtime: {
      id: row.showtime.id,
      startsAt: row.showtime.startsAt.toISOString(),
      endsAt: row.showtime.endsAt.toISOString(),
      localDate: localDateOf(row.showtime.startsAt, deps.timeZone),
      localTime: localTimeOf(row.showtime.startsAt, deps.timeZone),
      status: row.showtime.status,
      cancelledReason: row.showtime.cancelledReason,
      movie: row.showtime.movie,
      hall: row.showtime.hall,
    },
    user: row.user,
  };
}
