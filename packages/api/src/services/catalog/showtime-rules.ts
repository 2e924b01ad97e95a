// What scheduling a showtime checks. The database's exclusion constraint "Showtime_no_overlap"
// is what keeps two scheduled showtimes of a hall apart (cleaning break included), also
// between concurrent admins; this module only turns its violation into a message.
import { type Prisma } from "@marquee/db";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { isForeignKeyViolation } from "../db-errors";
import { describeShowtime, showtimeSelect, toShowtimeView, type ShowtimeView } from "./views";

type Deps = Pick<Context, "db" | "config" | "now">;

export type Tx = Prisma.TransactionClient;

export { priceColumns, type PriceInput } from "@marquee/domain";

export function timesFor(startsAt: Date, durationMinutes: number, cleaningMinutes: number) {
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  return { startsAt, endsAt, busyUntil: new Date(endsAt.getTime() + cleaningMinutes * 60_000) };
}

export function assertFuture(startsAt: Date, now: Date): void {
  if (startsAt.getTime() <= now.getTime()) {
    throw new AppError("INVALID", "A showtime cannot start in the past", {
      reason: "INVALID_FIELD",
      field: "startsAt",
    });
  }
}

export async function findMovie(db: Tx, id: string) {
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

export async function findHall(db: Tx, id: string) {
  const hall = await db.hall.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!hall)
    throw new AppError("NOT_FOUND", `No hall with id ${id}`, {
      reason: "UNKNOWN_ID",
      field: "hallId",
    });
  return hall;
}

/** Where a showtime would be: its hall and busy span (cleaning break included). */
export type Slot = { hallId: string; hallName: string; startsAt: Date; busyUntil: Date };

/**
 * The scheduled showtimes of a hall whose busy span [startsAt, busyUntil) meets the slot's:
 * the rule of the "Showtime_no_overlap" constraint, asked before a write (the admin form's
 * live check) and after one the constraint refused (to name what is in the way).
 */
export function findOverlapping(
  db: Tx,
  slot: { hallId: string; startsAt: Date; busyUntil: Date; exceptId?: string | undefined },
) {
  return db.showtime.findMany({
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
}

/**
 * Turns a violation of the overlap constraint into a CONFLICT naming the showtimes in the
 * way; looked up after the fact, since the constraint, not a pre-check, decides.
 */
export async function overlapError(
  deps: Deps,
  slot: Slot & { exceptId?: string },
): Promise<AppError> {
  const others = await findOverlapping(deps.db, slot);
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
export function vanished(error: unknown): unknown {
  return isForeignKeyViolation(error)
    ? new AppError("NOT_FOUND", "The movie or hall was deleted meanwhile; reload and try again")
    : error;
}

export async function showtimeView(deps: Deps, id: string): Promise<ShowtimeView> {
  const row = await deps.db.showtime.findUnique({
    where: { id },
    select: showtimeSelect(deps.now()),
  });
  if (!row) throw new AppError("NOT_FOUND", `No showtime with id ${id}`);
  return toShowtimeView(row, deps.config.timeZone);
}

/** Locks a showtime for the rest of the transaction, or NOT_FOUND. */
export async function lockShowtime(tx: Tx, id: string) {
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
