// One round trip for the reservation shape every booking procedure returns (the nested
// Prisma select takes several): used on the hot paths right after a write.
import { type PrismaClient } from "@marquee/db";
import { type ReservationRow } from "./views";

type Raw = {
  id: string;
  code: string;
  status: ReservationRow["status"];
  showtimeId: string;
  total: number;
  currency: string;
  holdExpiresAt: Date | null;
  createdAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  user: ReservationRow["user"];
  seats: ReservationRow["seats"];
  startsAt: Date;
  endsAt: Date;
  showtimeStatus: ReservationRow["showtime"]["status"];
  cancelledReason: string | null;
  movie: ReservationRow["showtime"]["movie"];
  hall: ReservationRow["showtime"]["hall"];
};

/** Also run verbatim by the benchmark's raw-SQL floor, so both read back the same way. */
export const READ_RESERVATION_SQL = `    SELECT r.id, r.code, r.status::text AS status, r."showtimeId", r.total, r.currency,
      r."holdExpiresAt", r."createdAt", r."confirmedAt", r."cancelledAt",
      CASE WHEN u.id IS NULL THEN NULL
           ELSE json_build_object('id', u.id, 'email', u.email, 'name', u.name) END AS "user",
      (SELECT coalesce(json_agg(json_build_object('price', rs.price, 'seat', json_build_object(
                'id', s.id, 'row', s.row, 'number', s.number, 'kind', s.kind, 'x', s.x, 'y', s.y))),
              '[]'::json)
         FROM "ReservationSeat" rs JOIN "Seat" s ON s.id = rs."seatId"
        WHERE rs."reservationId" = r.id) AS seats,
      st."startsAt", st."endsAt", st.status::text AS "showtimeStatus", st."cancelledReason",
      json_build_object('id', m.id, 'title', m.title, 'posterUrl', m."posterUrl", 'rating', m.rating) AS movie,
      json_build_object('id', h.id, 'name', h.name) AS hall
    FROM "Reservation" r
    JOIN "Showtime" st ON st.id = r."showtimeId"
    JOIN "Movie" m ON m.id = st."movieId"
    JOIN "Hall" h ON h.id = st."hallId"
    LEFT JOIN "User" u ON u.id = r."userId"
    WHERE r.id = $1::uuid`;

export async function readReservation(
  db: Pick<PrismaClient, "$queryRawUnsafe">,
  id: string,
): Promise<ReservationRow> {
  const [row] = await db.$queryRawUnsafe<Raw[]>(READ_RESERVATION_SQL, id);
  if (!row) throw new Error(`reservation ${id} vanished`);
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    showtimeId: row.showtimeId,
    total: row.total,
    currency: row.currency,
    holdExpiresAt: row.holdExpiresAt,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    cancelledAt: row.cancelledAt,
    user: row.user,
    seats: row.seats,
    showtime: {
      id: row.showtimeId,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      status: row.showtimeStatus,
      cancelledReason: row.cancelledReason,
      movie: row.movie,
      hall: row.hall,
    },
  };
}
