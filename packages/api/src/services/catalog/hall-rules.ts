// What every change to a hall checks: unique names, the hall locked, bookings in the way.
import { type Prisma } from "@marquee/db";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../db-errors";
import { describeShowtime } from "./views";

type Tx = Prisma.TransactionClient;

/** Names are unique regardless of case ("Grand" and "grand" would confuse everyone). */
export async function assertNameFree(db: Tx, name: string, exceptId?: string): Promise<void> {
  const clash = await db.hall.findFirst({
    where: {
      name: { equals: name, mode: "insensitive" },
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { name: true },
  });
  if (clash) {
    throw new AppError("CONFLICT", `A hall named "${clash.name}" already exists`, {
      reason: "DUPLICATE",
      field: "name",
    });
  }
}

/** Backs the pre-check: the database has a unique index on lower(name) too. */
export function duplicateName(error: unknown, name: string): unknown {
  return isUniqueViolation(error)
    ? new AppError("CONFLICT", `A hall named "${name}" already exists`, {
        reason: "DUPLICATE",
        field: "name",
      })
    : error;
}

/** Locks the hall, or NOT_FOUND. New showtimes in it wait (their foreign key needs the row). */
export async function lockHall(tx: Tx, id: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Hall" WHERE id = ${id}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", `No hall with id ${id}`);
}

export const blockingSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  movie: { select: { title: true } },
} as const;

export function conflictWithShowtimes(
  message: string,
  showtimes: { id: string; startsAt: Date; endsAt: Date; movie: { title: string } }[],
  timeZone: string,
): AppError {
  const shown = showtimes
    .slice(0, 5)
    .map((s) => describeShowtime(s, timeZone))
    .join("; ");
  const more = showtimes.length > 5 ? ` and ${showtimes.length - 5} more` : "";
  return new AppError("CONFLICT", `${message}: ${shown}${more}`, {
    reason: "HAS_RESERVATIONS",
    showtimes: showtimes.map((s) => ({
      id: s.id,
      title: s.movie.title,
      startsAt: s.startsAt.toISOString(),
    })),
  });
}
