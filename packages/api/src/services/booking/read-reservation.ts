// The reservation shape every booking procedure returns, in one round trip (the nested
// Prisma select takes several): used on the hot paths right after a write.
import { type PrismaClient } from "@marquee/db";
import * as sql from "./sql";
import { type ReservationRow } from "./views";

export async function readReservation(
  db: Pick<PrismaClient, "$queryRaw">,
  id: string,
): Promise<ReservationRow> {
  const [row] = await db.$queryRaw<sql.ReservationReadRow[]>(sql.readReservation(id));
  if (!row) throw new Error(`reservation ${id} vanished`);
  const { startsAt, endsAt, showtimeStatus, cancelledReason, movie, hall, ...reservation } = row;
  return {
    ...reservation,
    showtime: {
      id: row.showtimeId,
      startsAt,
      endsAt,
      status: showtimeStatus,
      cancelledReason,
      movie,
      hall,
    },
  };
}
