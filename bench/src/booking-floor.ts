// The booking floor: the statements Marquee's hold and confirm run, in the same
// transactions, straight through `pg` with the server's pool size. No HTTP, no tRPC, no
// Prisma: what remains is the database's own cost.
import { randomBytes } from "node:crypto";
import type pg from "pg";

export type FloorClient = { pool: pg.Pool; userId: string; sessionId: string };

const READ_BACK = `
  SELECT r.id, r.code, r.status, r.total, r.currency, r."holdExpiresAt",
    json_agg(json_build_object('id', s.id, 'row', s.row, 'number', s.number, 'price', rs.price)) AS seats,
    st."startsAt", m.title, h.name AS hall
  FROM "Reservation" r
  JOIN "ReservationSeat" rs ON rs."reservationId" = r.id
  JOIN "Seat" s ON s.id = rs."seatId"
  JOIN "Showtime" st ON st.id = r."showtimeId"
  JOIN "Movie" m ON m.id = st."movieId"
  JOIN "Hall" h ON h.id = st."hallId"
  WHERE r.id = $1
  GROUP BY r.id, st.id, m.id, h.id`;

const SESSION = `SELECT s.id, s."expiresAt", u.id AS "userId", u.email, u.name, u.role
  FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s.id = $1`;

export async function floorBooking(
  c: FloorClient,
  showtimeId: string,
  seatIds: string[],
): Promise<boolean> {
  await c.pool.query(SESSION, [c.sessionId]);
  const now = new Date();
  const client = await c.pool.connect();
  let reservationId: string;
  try {
    await client.query("BEGIN");
    const st = await client.query<{ hallId: string; priceStandard: number; currency: string }>(
      `SELECT id, "hallId", status::text, "startsAt", "priceStandard", "pricePremium",
         "priceWheelchair", "priceCompanion", currency FROM "Showtime" WHERE id = $1 FOR SHARE`,
      [showtimeId],
    );
    const showtime = st.rows[0];
    if (!showtime) throw new Error("no showtime");
    const seats = await client.query<{ id: string }>(
      `SELECT id, kind FROM "Seat" WHERE id = ANY($1::uuid[]) AND "hallId" = $2`,
      [seatIds, showtime.hallId],
    );
    await client.query(
      `UPDATE "Reservation" SET status = 'EXPIRED', "updatedAt" = $3
       WHERE status = 'HELD' AND "holdExpiresAt" <= $3 AND id IN (
         SELECT rs."reservationId" FROM "ReservationSeat" rs
         WHERE rs."showtimeId" = $1 AND rs."seatId" = ANY($2::uuid[]) AND rs.live) RETURNING id`,
      [showtimeId, seatIds, now],
    );
    await client.query(
      `SELECT id, "holdExpiresAt" FROM "Reservation" WHERE "userId" = $1 AND "showtimeId" = $2
       AND status = 'HELD' AND "holdExpiresAt" > $3 ORDER BY "createdAt" DESC LIMIT 1 FOR UPDATE`,
      [c.userId, showtimeId, now],
    );
    const taken = await client.query(
      `SELECT s.row, s.number FROM "ReservationSeat" rs
       JOIN "Reservation" r ON r.id = rs."reservationId" JOIN "Seat" s ON s.id = rs."seatId"
       WHERE rs."showtimeId" = $1 AND rs."seatId" = ANY($2::uuid[]) AND rs.live
         AND (r.status = 'CONFIRMED' OR (r.status = 'HELD' AND r."holdExpiresAt" > $3))`,
      [showtimeId, seatIds, now],
    );
    if (taken.rowCount) throw new Error("taken");
    const res = await client.query<{ id: string }>(
      `INSERT INTO "Reservation" (id, code, "userId", "showtimeId", status, "holdExpiresAt", total,
         currency, "createdAt", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, 'HELD', $4, $5, $6, $7, $7) RETURNING id`,
      [
        randomBytes(6).toString("hex"),
        c.userId,
        showtimeId,
        new Date(now.getTime() + 600_000),
        (seats.rowCount ?? 0) * showtime.priceStandard,
        showtime.currency,
        now,
      ],
    );
    reservationId = res.rows[0]?.id ?? "";
    const sorted = [...seatIds].sort();
    await client.query(
      `INSERT INTO "ReservationSeat" (id, "reservationId", "showtimeId", "hallId", "seatId", price, live)
       SELECT gen_random_uuid(), $1, $2, $3, seat, $4, true FROM unnest($5::uuid[]) seat`,
      [reservationId, showtimeId, showtime.hallId, showtime.priceStandard, sorted],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    client.release();
    throw error;
  }
  client.release();
  await c.pool.query(READ_BACK, [reservationId]);

  await c.pool.query(SESSION, [c.sessionId]);
  const confirm = await c.pool.connect();
  try {
    await confirm.query("BEGIN");
    const r = await confirm.query<{ showtimeId: string }>(
      `SELECT id, "userId", status::text, "showtimeId" FROM "Reservation" WHERE id = $1 FOR UPDATE`,
      [reservationId],
    );
    await confirm.query(`SELECT status, "startsAt" FROM "Showtime" WHERE id = $1`, [
      r.rows[0]?.showtimeId,
    ]);
    await confirm.query(
      `UPDATE "Reservation" SET status = 'CONFIRMED', "confirmedAt" = $2, "holdExpiresAt" = NULL,
         "updatedAt" = $2 WHERE id = $1`,
      [reservationId, new Date()],
    );
    await confirm.query("COMMIT");
  } catch (error) {
    await confirm.query("ROLLBACK");
    confirm.release();
    throw error;
  }
  confirm.release();
  await c.pool.query(READ_BACK, [reservationId]);
  return true;
}
