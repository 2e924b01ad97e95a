// The reservation shape every booking procedure returns, in one round trip: the database's
// marquee_reservation_json, the same the hold, confirm and cancel functions answer with.
import { type PrismaClient } from "@marquee/db";
import * as sql from "./sql";
import { type ReservationRow } from "./views";

export async function readReservation(
  db: Pick<PrismaClient, "$queryRaw">,
  id: string,
): Promise<ReservationRow> {
  const [row] = await db.$queryRaw<sql.ReservationReadRow[]>(sql.readReservation(id));
  if (!row?.reservation) throw new Error(`reservation ${id} vanished`);
  return sql.reservationRowFromJson(row.reservation);
}
