// The schedule. The database's exclusion constraint "Showtime_no_overlap" is what keeps two
// scheduled showtimes of a hall apart (cleaning break included), also between concurrent
// admins; this module only turns its violation into a message naming the other showtime.
import { Prisma } from "@marquee/db";
import { localDayRange, type SeatKind } from "@marquee/domain";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { endReservations, liveReservationWhere } from "../booking/lifecycle";
import { decodeCursor, instantKey, toPage, type Page } from "../pagination";
import { isForeignKeyViolation, isShowtimeOverlap } from "../db-errors";
import { withRetry } from "../db-retry";
import {
  describeShowtime,
  showtimeSelect,
  toShowtimeView,
  type Prices,
  type ShowtimeView,
} from "./views";

type Deps = Pick<Context, "db" | "config" | "now">;
type Tx = Prisma.TransactionClient;

/** Prices per seat kind in minor units; a kind left out costs the STANDARD price. */
export type PriceInput = { STANDARD: number } & Partial<Record<SeatKind, number>>;

function priceColumns(prices: PriceInput) {
  const all: Prices = {
    STANDARD: prices.STANDARD,
    PREMIUM: prices.PREMIUM ?? prices.STANDARD,
    WHEELCHAIR: prices.WHEELCHAIR ?? prices.STANDARD,
    COMPANION: prices.COMPANION ?? prices.STANDARD,
  };
  return {
    priceStandard: all.STANDARD,
    pricePremium: all.PREMIUM,
    priceWheelchair: all.WHEELCHAIR,
    priceCompanion: all.COMPANION,
  };
}

function timesFor(startsAt: Date, durationMinutes: number, cleaningMinutes: number) {
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  return { startsAt, endsAt, busyUntil: new Date(endsAt.getTime() + cleaningMinutes * 60_000) };
}

function assertFuture(startsAt: Date, now: Date): void {
  if (startsAt.getTime() <= now.getTime()) {
    throw new AppError("INVALID", "A showtime cannot start in the past", {
      reason: "INVALID_FIELD",
      field: "startsAt",
    });
  }
}

async function findMovie(db: Tx, id: string) {
  const movie = await db.movie.findUnique({
    where: { id },
    select: { id: true, title: true, durationMinutes: true },
  });
  if (!movie) {
    throw new AppError("NOT_FOUND", `No movie with id ${id}`, {
      reason: "UNKNOWN_ID",
      field: "movieId",
    });
  }
  return movie;
}

async function findHall(db: Tx, id: string) {
  const hall = await db.hall.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!hall)
    throw new AppError("NOT_FOUND", `No hall with id ${id}`, {
      reason: "UNKNOWN_ID",
      field: "hallId",
    });
  return hall;
}

/**
 * Turns a violation of the overlap constraint into a CONFLICT naming the showtimes in the
 * way; looked up after the fact, since the constraint, not a pre-check, decides.
 */
type Slot = { hallId: string; hallName: string; startsAt: Date; busyUntil: Date };

async function overlapError(deps: Deps, slot: Slot & { exceptId?: string }): Promise<AppError> {
  const others = await deps.db.showtime.findMany({
    where: {
      hallId: slot.hallId,
      status: "SCHEDULED",
      startsAt: { lt: slot.busyUntil },
      busyUntil: { gt: slot.startsAt },
      ...(slot.exceptId ? { NOT: { id: slot.exceptId } } : {}),
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      busyUntil: true,
      movie: { select: { title: true } },
    },
  });
  const { timeZone, cleaningMinutes } = deps.config;
  const named = others.map((s) => describeShowtime(s, timeZone)).join("; ");
  return new AppError(
    "CONFLICT",
    `${slot.hallName} is not free then (each showtime is followed by a ${cleaningMinutes}-minute ` +
      `cleaning break)${named ? `; it overlaps ${named}` : ""}`,
    {
      reason: "SCHEDULE_CONFLICT",
      field: "startsAt",
      showtimes: others.map((s) => ({
        id: s.id,
        title: s.movie.title,
        startsAt: s.startsAt.toISOString(),
        busyUntil: s.busyUntil.toISOString(),
      })),
    },
  );
}

/** The film or hall was deleted between our lookup and the write (a lost race, not a bug). */
function vanished(error: unknown): unknown {
  return isForeignKeyViolation(error)
    ? new AppError("NOT_FOUND", "The movie or hall was deleted meanwhile; reload and try again")
    : error;
}

async function view(deps: Deps, id: string): Promise<ShowtimeView> {
  const row = await deps.db.showtime.findUnique({
    where: { id },
    select: showtimeSelect(deps.now()),
  });
  if (!row) throw new AppError("NOT_FOUND", `No showtime with id ${id}`);
  return toShowtimeView(row, deps.config.timeZone);
}

export async function getShowtime(deps: Deps, input: { id: string }): Promise<ShowtimeView> {
  return view(deps, input.id);
}

export async function listShowtimes(
  deps: Deps,
  input: {
    date?: string | undefined;
    movieId?: string | undefined;
    hallId?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    includeCancelled?: boolean | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<ShowtimeView>> {
  const where: Prisma.ShowtimeWhereInput[] = [];
  if (!input.includeCancelled) where.push({ status: "SCHEDULED" });
  if (input.movieId) where.push({ movieId: input.movieId });
  if (input.hallId) where.push({ hallId: input.hallId });
  if (input.date) {
    const day = localDayRange(input.date, deps.config.timeZone);
    where.push({ startsAt: { gte: day.start, lt: day.end } });
  }
  if (input.from) where.push({ startsAt: { gte: input.from } });
  if (input.to) where.push({ startsAt: { lt: input.to } });
  if (input.cursor) {
    const { key: at, id } = decodeCursor(input.cursor, instantKey);
    where.push({ OR: [{ startsAt: { gt: at } }, { startsAt: at, id: { gt: id } }] });
  }
  const rows = await deps.db.showtime.findMany({
    where: { AND: where },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: showtimeSelect(deps.now()),
  });
  return toPage(
    rows,
    input.limit,
    (s) => toShowtimeView(s, deps.config.timeZone),
    (s) => ({ key: s.startsAt.toISOString(), id: s.id }),
  );
}

export async function createShowtime(
  deps: Deps,
  input: { movieId: string; hallId: string; startsAt: Date; prices: PriceInput },
): Promise<ShowtimeView> {
  assertFuture(input.startsAt, deps.now());
  const [movie, hall] = await Promise.all([
    findMovie(deps.db, input.movieId),
    findHall(deps.db, input.hallId),
  ]);
  const times = timesFor(input.startsAt, movie.durationMinutes, deps.config.cleaningMinutes);
  let id: string;
  try {
    ({ id } = await withRetry(() =>
      deps.db.showtime.create({
        data: {
          movieId: movie.id,
          hallId: hall.id,
          ...times,
          ...priceColumns(input.prices),
          currency: deps.config.currency,
        },
        select: { id: true },
      }),
    ));
  } catch (error) {
    if (isShowtimeOverlap(error)) {
      throw await overlapError(deps, { hallId: hall.id, hallName: hall.name, ...times });
    }
    throw vanished(error);
  }
  return view(deps, id);
}

/** Locks a showtime for the rest of the transaction, or NOT_FOUND. */
async function lockShowtime(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Showtime" WHERE id = ${id}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", `No showtime with id ${id}`);
  return tx.showtime.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      movieId: true,
      hallId: true,
      startsAt: true,
      endsAt: true,
      status: true,
      movie: { select: { id: true, durationMinutes: true } },
    },
  });
}

/**
 * Reschedules (start, film, hall) and/or reprices a showtime. Prices of existing
 * reservations never change: each ReservationSeat keeps the price it was held at. A film or
 * hall change is refused once guests have booked (their tickets name the film, their seats
 * belong to the hall); a new start time is fine, the overlap constraint permitting.
 */
export async function updateShowtime(
  deps: Deps,
  input: {
    id: string;
    movieId?: string | undefined;
    hallId?: string | undefined;
    startsAt?: Date | undefined;
    prices?: PriceInput | undefined;
  },
): Promise<ShowtimeView> {
  const now = deps.now();
  // Where the showtime was being moved to, to name what is in the way if the constraint fires.
  const attempt: { slot: Slot | null } = { slot: null };
  try {
    await withRetry(() =>
      deps.db.$transaction(async (tx) => {
        const current = await lockShowtime(tx, input.id);
        if (current.status === "CANCELLED") {
          throw new AppError("CONFLICT", "This showtime is cancelled and can no longer be changed");
        }
        let schedule: Prisma.ShowtimeUncheckedUpdateInput = {};
        if (
          input.startsAt !== undefined ||
          input.movieId !== undefined ||
          input.hallId !== undefined
        ) {
          if (current.startsAt.getTime() <= now.getTime()) {
            throw new AppError("CONFLICT", "This showtime has already started; it cannot be moved");
          }
          const startsAt = input.startsAt ?? current.startsAt;
          assertFuture(startsAt, now);
          const movieId = input.movieId ?? current.movieId;
          const hallId = input.hallId ?? current.hallId;
          const movieChanges = movieId !== current.movieId;
          const hallChanges = hallId !== current.hallId;
          const movie = movieChanges ? await findMovie(tx, movieId) : current.movie;
          const hall = await findHall(tx, hallId);
          if (movieChanges || hallChanges) {
            // Guests booked this film; reserved seats belong to the hall (composite foreign
            // key), and every reservation row, even an ended one, would have to move with it.
            const booked = await tx.reservation.count({
              where: {
                showtimeId: current.id,
                ...(hallChanges ? {} : liveReservationWhere(now)),
              },
            });
            if (booked > 0) {
              throw new AppError(
                "CONFLICT",
                `This showtime has reservations, so its ${hallChanges ? "hall" : "film"} ` +
                  "cannot change; cancel it and schedule a new one instead",
              );
            }
          }
          const times = timesFor(startsAt, movie.durationMinutes, deps.config.cleaningMinutes);
          attempt.slot = { hallId: hall.id, hallName: hall.name, ...times };
          schedule = { ...times, movieId, hallId };
        }
        await tx.showtime.update({
          where: { id: current.id },
          data: { ...schedule, ...(input.prices ? priceColumns(input.prices) : {}) },
        });
      }),
    );
  } catch (error) {
    if (attempt.slot && isShowtimeOverlap(error)) {
      throw await overlapError(deps, { ...attempt.slot, exceptId: input.id });
    }
    throw vanished(error);
  }
  return view(deps, input.id);
}

/**
 * Cancels a showtime and, in the same transaction, every live reservation of it: they
 * become CANCELLED and their seats stop being live, so the seats are free and the guests
 * see the showtime's cancellation reason.
 */
export async function cancelShowtime(
  deps: Deps,
  input: { id: string; reason: string },
): Promise<ShowtimeView & { cancelledReservations: number }> {
  const now = deps.now();
  const cancelledReservations = await deps.db.$transaction(async (tx) => {
    const current = await lockShowtime(tx, input.id);
    if (current.status === "CANCELLED") {
      throw new AppError("CONFLICT", "This showtime is already cancelled");
    }
    // Bookings of a showtime that took place are sales on record, not something to undo.
    if (current.endsAt.getTime() <= now.getTime()) {
      throw new AppError("CONFLICT", "This showtime has already taken place");
    }
    await tx.showtime.update({
      where: { id: current.id },
      data: { status: "CANCELLED", cancelledReason: input.reason, cancelledAt: now },
    });
    // Lapsed holds are recorded as expired, not cancelled: they were no booking.
    await endReservations(tx, Prisma.sql`r."showtimeId" = ${current.id}::uuid`, "EXPIRED", now);
    const ended = await endReservations(
      tx,
      Prisma.sql`r."showtimeId" = ${current.id}::uuid`,
      "CANCELLED",
      now,
    );
    return ended.length;
  });
  return { ...(await view(deps, input.id)), cancelledReservations };
}

/** Deletes a showtime that never had a reservation; one that did must be cancelled. */
export async function deleteShowtime(deps: Deps, input: { id: string }): Promise<{ id: string }> {
  return deps.db.$transaction(async (tx) => {
    const current = await lockShowtime(tx, input.id);
    const reservations = await tx.reservation.count({ where: { showtimeId: current.id } });
    if (reservations > 0) {
      throw new AppError(
        "CONFLICT",
        `This showtime has ${reservations} reservation(s) on record and cannot be deleted; ` +
          "cancel it instead",
        { reason: "HAS_RESERVATIONS", showtimes: [], reservations },
      );
    }
    await tx.showtime.delete({ where: { id: current.id } });
    return { id: current.id };
  });
}
