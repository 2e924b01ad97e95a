// report.summary: per showtime, per film and per cinema-local day, over an inclusive range
// of local dates. Capacity and occupancy count scheduled showtimes only; a cancelled
// showtime still shows its cancelled bookings.
import { localDateOf, localDayRange, type ShowtimeStatus } from "@marquee/domain";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { liveSeatSql } from "./lifecycle";

export type Figures = {
  capacity: number;
  sold: number;
  held: number;
  /** sold / capacity, 0..1 (0 when there is no capacity). */
  occupancy: number;
  /** Confirmed seats' prices, integer minor units. */
  revenue: number;
  cancellations: number;
};

export type ShowtimeFigures = Figures & {
  showtimeId: string;
  startsAt: string;
  localDate: string;
  status: ShowtimeStatus;
  movie: { id: string; title: string };
  hall: { id: string; name: string };
};

export type ReportSummary = {
  from: string;
  to: string;
  currency: string;
  showtimes: ShowtimeFigures[];
  movies: (Figures & { movieId: string; title: string; showtimes: number })[];
  days: (Figures & { date: string; showtimes: number })[];
  totals: Figures & { showtimes: number };
};

type Row = {
  id: string;
  startsAt: Date;
  status: ShowtimeStatus;
  movieId: string;
  title: string;
  hallId: string;
  hall: string;
  capacity: bigint | number;
  sold: bigint | number;
  held: bigint | number;
  revenue: bigint | number;
  cancellations: bigint | number;
};

const MAX_DAYS = 366;

function empty(): Figures {
  return { capacity: 0, sold: 0, held: 0, occupancy: 0, revenue: 0, cancellations: 0 };
}

function add(into: Figures, f: Figures): void {
  into.capacity += f.capacity;
  into.sold += f.sold;
  into.held += f.held;
  into.revenue += f.revenue;
  into.cancellations += f.cancellations;
  into.occupancy = into.capacity > 0 ? into.sold / into.capacity : 0;
}

export async function reportSummary(
  deps: Pick<Context, "db" | "now" | "config">,
  input: { from: string; to: string },
): Promise<ReportSummary> {
  if (input.to < input.from) {
    throw new AppError("INVALID", "The end date is before the start date", {
      reason: "INVALID_FIELD",
      field: "to",
    });
  }
  const start = localDayRange(input.from, deps.config.timeZone).start;
  const end = localDayRange(input.to, deps.config.timeZone).end;
  if (end.getTime() - start.getTime() > (MAX_DAYS + 1) * 24 * 3_600_000) {
    throw new AppError("INVALID", `A report covers at most ${MAX_DAYS} days`, {
      reason: "INVALID_FIELD",
      field: "to",
    });
  }
  const now = deps.now();
  const rows = await deps.db.$queryRaw<Row[]>`
    SELECT s.id, s."startsAt", s.status::text AS status, s."movieId", m.title, s."hallId", h.name AS hall,
      (SELECT count(*) FROM "Seat" st WHERE st."hallId" = s."hallId") AS capacity,
      taken.sold, taken.held, taken.revenue,
      (SELECT count(*) FROM "Reservation" r WHERE r."showtimeId" = s.id AND r.status = 'CANCELLED') AS cancellations
    FROM "Showtime" s
    JOIN "Movie" m ON m.id = s."movieId"
    JOIN "Hall" h ON h.id = s."hallId"
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE r.status = 'CONFIRMED') AS sold,
             count(*) FILTER (WHERE r.status = 'HELD') AS held,
             coalesce(sum(rs.price) FILTER (WHERE r.status = 'CONFIRMED'), 0) AS revenue
      FROM "ReservationSeat" rs JOIN "Reservation" r ON r.id = rs."reservationId"
      WHERE rs."showtimeId" = s.id AND ${liveSeatSql("rs", "r", now)}) taken ON true
    WHERE s."startsAt" >= ${start} AND s."startsAt" < ${end}
    ORDER BY s."startsAt", s.id`;

  const showtimes: ShowtimeFigures[] = rows.map((r) => {
    const scheduled = r.status === "SCHEDULED";
    const capacity = scheduled ? Number(r.capacity) : 0;
    const sold = Number(r.sold);
    return {
      showtimeId: r.id,
      startsAt: r.startsAt.toISOString(),
      localDate: localDateOf(r.startsAt, deps.config.timeZone),
      status: r.status,
      movie: { id: r.movieId, title: r.title },
      hall: { id: r.hallId, name: r.hall },
      capacity,
      sold,
      held: Number(r.held),
      occupancy: capacity > 0 ? sold / capacity : 0,
      revenue: Number(r.revenue),
      cancellations: Number(r.cancellations),
    };
  });

  const movies = new Map<string, ReportSummary["movies"][number]>();
  const days = new Map<string, ReportSummary["days"][number]>();
  const totals = { ...empty(), showtimes: 0 };
  for (const s of showtimes) {
    const movie = movies.get(s.movie.id) ?? {
      ...empty(),
      movieId: s.movie.id,
      title: s.movie.title,
      showtimes: 0,
    };
    movie.showtimes += 1;
    add(movie, s);
    movies.set(s.movie.id, movie);
    const day = days.get(s.localDate) ?? { ...empty(), date: s.localDate, showtimes: 0 };
    day.showtimes += 1;
    add(day, s);
    days.set(s.localDate, day);
    totals.showtimes += 1;
    add(totals, s);
  }
  return {
    from: input.from,
    to: input.to,
    currency: deps.config.currency,
    showtimes,
    movies: [...movies.values()].sort(
      (a, b) => b.revenue - a.revenue || a.title.localeCompare(b.title),
    ),
    days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
    totals,
  };
}
