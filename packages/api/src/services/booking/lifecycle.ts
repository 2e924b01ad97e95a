// The reservation lifecycle, defined once: what "live" means, and the one way a reservation
// ends. A HELD reservation counts only before its deadline (whether or not the sweep has
// marked it EXPIRED yet); a CONFIRMED one always counts. Ending one (cancel, expiry,
// showtime cancellation, account deletion) flips its status and frees its seats in one
// statement, so no path can forget the seats.
import { Prisma } from "@marquee/db";
import { type ReservationStatus } from "./views";

type Db = Pick<Prisma.TransactionClient, "$queryRaw">;

/** Prisma `where` for live reservations at `now`. */
export function liveReservationWhere(now: Date): Prisma.ReservationWhereInput {
  return { OR: [{ status: "CONFIRMED" }, { status: "HELD", holdExpiresAt: { gt: now } }] };
}

/** Prisma `where` for reserved seats that are taken at `now` (the seat map's SOLD/HELD/MINE). */
export function liveSeatWhere(now: Date): Prisma.ReservationSeatWhereInput {
  return { live: true, reservation: liveReservationWhere(now) };
}

/**
 * Prisma `where` for a status as people see it: HELD means "held and not yet expired",
 * EXPIRED includes holds past their deadline that nobody has swept yet.
 */
export function effectiveStatusWhere(
  status: ReservationStatus | undefined,
  now: Date,
): Prisma.ReservationWhereInput {
  switch (status) {
    case undefined:
      return {};
    case "HELD":
      return { status: "HELD", holdExpiresAt: { gt: now } };
    case "EXPIRED":
      return { OR: [{ status: "EXPIRED" }, { status: "HELD", holdExpiresAt: { lte: now } }] };
    default:
      return { status };
  }
}

/** The same rule as SQL, for a reservation row under the alias `r` (e.g. "r"). */
export function liveReservationSql(r: string, now: Date): Prisma.Sql {
  const alias = Prisma.raw(`"${r}"`);
  return Prisma.sql`(${alias}.status = 'CONFIRMED'
    OR (${alias}.status = 'HELD' AND ${alias}."holdExpiresAt" > ${now}))`;
}

/** Reserved seats (alias `rs`) of live reservations (alias `r`, joined by the caller). */
export function liveSeatSql(rs: string, r: string, now: Date): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`"${rs}"`)}.live AND ${liveReservationSql(r, now)}`;
}

export type EndStatus = "CANCELLED" | "EXPIRED";

/**
 * The statement that ends the reservations matching `where` (SQL over the alias `r`) and
 * frees their seats. CANCELLED applies only to live reservations (a lapsed hold is not
 * cancelled: it expired, and the sweep records it so); EXPIRED only to holds past their
 * deadline. Returns the ids it ended.
 */
export function endReservationsSql(where: Prisma.Sql, status: EndStatus, now: Date): Prisma.Sql {
  const which =
    status === "EXPIRED"
      ? Prisma.sql`r.status = 'HELD' AND r."holdExpiresAt" <= ${now}`
      : liveReservationSql("r", now);
  // A cancelled reservation has no deadline left; an expired one keeps it (when it lapsed).
  const stamp =
    status === "CANCELLED"
      ? Prisma.sql`, "cancelledAt" = ${now}, "holdExpiresAt" = NULL`
      : Prisma.empty;
  return Prisma.sql`
    WITH ended AS (
      UPDATE "Reservation" r
      SET status = ${Prisma.raw(`'${status}'`)}, "updatedAt" = ${now}${stamp}
      WHERE ${which} AND (${where})
      RETURNING r.id),
    freed AS (
      UPDATE "ReservationSeat" SET live = false
      WHERE "reservationId" IN (SELECT id FROM ended) AND live)
    SELECT id FROM ended`;
}

/** Ends reservations in the caller's transaction (or alone): see endReservationsSql. */
export async function endReservations(
  tx: Db,
  where: Prisma.Sql,
  status: EndStatus,
  now: Date,
): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>(endReservationsSql(where, status, now));
  return rows.map((r) => r.id);
}
