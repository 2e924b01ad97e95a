// The reservation lifecycle, defined once: what "live" means, and the one way a reservation
// ends. A HELD reservation counts only before its deadline (whether or not the sweep has
// marked it EXPIRED yet); a CONFIRMED one always counts. Ending one (cancel, expiry,
// showtime cancellation, account deletion) flips its status and frees its seats in one
// statement, so no path can forget the seats. In SQL the rules live in the database
// (marquee_is_live, marquee_end_reservations; migration 20261124205000_booking_functions)
// so the one-round-trip booking functions share them; lifecycle.test.ts checks they agree.
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
 * frees their seats, through the database's one definition of ending
 * (marquee_end_reservations, which the hold, confirm and cancel functions also use).
 * CANCELLED applies only to live reservations (a lapsed hold is not cancelled: it expired,
 * and the sweep records it so); EXPIRED only to holds past their deadline; the function
 * checks that again under the row lock. Returns the ids it ended.
 */
export function endReservationsSql(where: Prisma.Sql, status: EndStatus, now: Date): Prisma.Sql {
  const which =
    status === "EXPIRED"
      ? Prisma.sql`r.status = 'HELD' AND r."holdExpiresAt" <= ${now}`
      : liveReservationSql("r", now);
  return Prisma.sql`
    SELECT ended.id FROM marquee_end_reservations(
      ARRAY(SELECT r.id FROM "Reservation" r WHERE ${which} AND (${where})),
      ${Prisma.raw(`'${status}'`)}, ${now}::timestamptz) AS ended(id)`;
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
