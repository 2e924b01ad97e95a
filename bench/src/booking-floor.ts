// The booking floor: the statements Marquee's hold and confirm run, in the same
// transactions, straight through `pg` with the server's pool size. No HTTP, no tRPC, no
// Prisma: what remains is the database's own cost.
import { randomBytes } from "node:crypto";
import { READ_RESERVATION_SQL } from "@marquee/api";
import type pg from "pg";

export type FloorClient = { pool: pg.Pool; userId: string; sessionId: string };

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
      `WITH expired AS (
         UPDATE "Reservation" SET status = 'EXPIRED', "updatedAt" = $3
         WHERE status = 'HELD' AND "holdExpiresAt" <= $3 AND id IN (
           SELECT rs."reservationId" FROM "ReservationSeat" rs
           WHERE rs."showtimeId" = $1 AND rs."seatId" = ANY($2::uuid[]) AND rs.live)
         RETURNING id)
       UPDATE "ReservationSeat" SET live = false WHERE "reservationId" IN (SELECT id FROM expired)`,
      [showtimeId, seatIds, now],
    );
    await client.query(
      `SELECT id, "holdExpiresAt" FROM "Reservation" WHERE "userId" = $1 AND "showtimeId" = $2
       AND status = 'HELD' AND "holdExpiresAt" > $3 ORDER BY "createdAt" DESC LIMIT 1 FOR UPDATE`,
      [c.userId, showtimeId, now],
    );
    const taken = await client.query(
      `SELECT s.row || s.number AS label
       FROM "ReservationSeat" rs
       JOIN "Reservation" r ON r.id = rs."reservationId"
       JOIN "Seat" s ON s.id = rs."seatId"
       WHERE rs."showtimeId" = $1 AND rs."seatId" = ANY($2::uuid[])
         AND rs.live AND rs."reservationId" <> $4::uuid
         AND (r.status = 'CONFIRMED' OR (r.status = 'HELD' AND r."holdExpiresAt" > $3))
       ORDER BY s.y, s.x`,
      [showtimeId, seatIds, now, "00000000-0000-0000-0000-000000000000"],
    );
    if (taken.rowCount) throw new Error("taken");
    const sorted = [...seatIds].sort();
    const res = await client.query<{ id: string }>(
      `WITH r AS (
         INSERT INTO "Reservation" (id, code, "userId", "showtimeId", status, "holdExpiresAt",
           total, currency, "idempotencyKey", "createdAt", "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, $3, 'HELD', $4, $5, $6, NULL, $7, $7)
         RETURNING id),
       s AS (
         INSERT INTO "ReservationSeat" (id, "reservationId", "showtimeId", "hallId", "seatId", price, live)
         SELECT gen_random_uuid(), r.id, $3, $8, t.seat, t.price, true
         FROM r, unnest($9::uuid[], $10::int[]) AS t(seat, price))
       SELECT id FROM r`,
      [
        randomBytes(6).toString("hex"),
        c.userId,
        showtimeId,
        new Date(now.getTime() + 600_000),
        (seats.rowCount ?? 0) * showtime.priceStandard,
        showtime.currency,
        now,
        showtime.hallId,
        sorted,
        sorted.map(() => showtime.priceStandard),
      ],
    );
    reservationId = res.rows[0]?.id ?? "";
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    client.release();
    throw error;
  }
  client.release();
  await c.pool.query(READ_RESERVATION_SQL, [reservationId]);

  await c.pool.query(SESSION, [c.sessionId]);
  const confirm = await c.pool.connect();
  try {
    await confirm.query("BEGIN");
    await confirm.query(
      `SELECT r.id, r."userId", r.status::text AS status, r."showtimeId",
              s.status::text AS "showtimeStatus", s."startsAt"
       FROM "Reservation" r JOIN "Showtime" s ON s.id = r."showtimeId"
       WHERE r.id = $1::uuid FOR UPDATE OF r`,
      [reservationId],
    );
    await confirm.query(
      `UPDATE "Reservation" SET status = 'CONFIRMED', "confirmedAt" = $2,
         "holdExpiresAt" = NULL, "updatedAt" = $2 WHERE id = $1::uuid`,
      [reservationId, new Date()],
    );
    await confirm.query("COMMIT");
  } catch (error) {
    await confirm.query("ROLLBACK");
    confirm.release();
    throw error;
  }
  confirm.release();
  await c.pool.query(READ_RESERVATION_SQL, [reservationId]);
  return true;
}
