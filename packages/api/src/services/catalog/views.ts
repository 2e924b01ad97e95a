// The JSON shapes the catalogue returns: ISO strings for instants, integer minor units for
// money, cinema-local dates computed with CINEMA_TIMEZONE.
import { type Prisma } from "@marquee/db";
import {
  localDateOf,
  localTimeOf,
  pricesOf,
  type LayoutSeat,
  type Prices,
  type SeatKind,
  type ShowtimeStatus,
} from "@marquee/domain";
import { liveSeatWhere } from "../booking/lifecycle";

export type MovieView = {
  id: string;
  title: string;
  description: string;
  genres: string[];
  durationMinutes: number;
  rating: string | null;
  posterUrl: string | null;
  /** YYYY-MM-DD */
  releaseDate: string | null;
};

export const movieSelect = {
  id: true,
  title: true,
  description: true,
  genres: true,
  durationMinutes: true,
  rating: true,
  posterUrl: true,
  releaseDate: true,
} as const satisfies Prisma.MovieSelect;

type MovieRow = Prisma.MovieGetPayload<{ select: typeof movieSelect }>;

/** A DATE column comes back as UTC midnight of that day. */
export const dateOnly = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export const toMovieView = (m: MovieRow): MovieView => ({
  ...m,
  releaseDate: dateOnly(m.releaseDate),
});

export type ShowtimeView = {
  id: string;
  movie: {
    id: string;
    title: string;
    durationMinutes: number;
    rating: string | null;
    posterUrl: string | null;
  };
  hall: { id: string; name: string };
  startsAt: string;
  endsAt: string;
  /** When the hall is free again (end + cleaning break). */
  busyUntil: string;
  /** Cinema-local date and start time (CINEMA_TIMEZONE). */
  localDate: string;
  localTime: string;
  status: ShowtimeStatus;
  cancelledReason: string | null;
  cancelledAt: string | null;
  prices: Prices;
  currency: string;
  /** Seats in the hall, and those not in a live (held or confirmed) reservation. */
  capacity: number;
  seatsAvailable: number;
};

/** A showtime with what its view needs; seats count as taken by the one rule of "live". */
export const showtimeSelect = (now: Date) =>
  ({
    id: true,
    startsAt: true,
    endsAt: true,
    busyUntil: true,
    status: true,
    cancelledReason: true,
    cancelledAt: true,
    priceStandard: true,
    pricePremium: true,
    priceWheelchair: true,
    priceCompanion: true,
    currency: true,
    movie: {
      select: { id: true, title: true, durationMinutes: true, rating: true, posterUrl: true },
    },
    hall: { select: { id: true, name: true, _count: { select: { seats: true } } } },
    _count: { select: { reservationSeats: { where: liveSeatWhere(now) } } },
  }) as const satisfies Prisma.ShowtimeSelect;

export type ShowtimeRow = Prisma.ShowtimeGetPayload<{ select: ReturnType<typeof showtimeSelect> }>;

export function toShowtimeView(s: ShowtimeRow, timeZone: string): ShowtimeView {
  const capacity = s.hall._count.seats;
  return {
    id: s.id,
    movie: s.movie,
    hall: { id: s.hall.id, name: s.hall.name },
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    busyUntil: s.busyUntil.toISOString(),
    localDate: localDateOf(s.startsAt, timeZone),
    localTime: localTimeOf(s.startsAt, timeZone),
    status: s.status,
    cancelledReason: s.cancelledReason,
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
    prices: pricesOf(s),
    currency: s.currency,
    capacity,
    seatsAvailable: Math.max(0, capacity - s._count.reservationSeats),
  };
}

/** "Title" 20:30–22:45 on 2026-03-28 (cinema-local), for error messages. */
export function describeShowtime(
  s: { startsAt: Date; endsAt: Date; movie: { title: string } },
  timeZone: string,
): string {
  return (
    `"${s.movie.title}" ${localTimeOf(s.startsAt, timeZone)}–${localTimeOf(s.endsAt, timeZone)}` +
    ` on ${localDateOf(s.startsAt, timeZone)}`
  );
}

export type HallSummary = {
  id: string;
  name: string;
  layout: string[];
  capacity: number;
  seatsByKind: Record<SeatKind, number>;
};

/** A seat of a hall: where the layout put it, and its id. */
export type HallSeat = LayoutSeat & { id: string };

export type HallDetail = HallSummary & { seats: HallSeat[] };

export const hallSeatSelect = {
  id: true,
  row: true,
  number: true,
  kind: true,
  x: true,
  y: true,
} as const;

export function countByKind(seats: { kind: SeatKind }[]): Record<SeatKind, number> {
  const counts: Record<SeatKind, number> = { STANDARD: 0, PREMIUM: 0, WHEELCHAIR: 0, COMPANION: 0 };
  for (const seat of seats) counts[seat.kind] += 1;
  return counts;
}

export function toDetail(hall: {
  id: string;
  name: string;
  layout: string[];
  seats: Omit<HallSeat, "label">[];
}): HallDetail {
  return {
    id: hall.id,
    name: hall.name,
    layout: hall.layout,
    capacity: hall.seats.length,
    seatsByKind: countByKind(hall.seats),
    seats: hall.seats.map((s) => ({ ...s, label: `${s.row}${s.number}` })),
  };
}

export const withSeats = {
  seats: { select: hallSeatSelect, orderBy: [{ y: "asc" as const }, { x: "asc" as const }] },
} satisfies Prisma.HallSelect;
