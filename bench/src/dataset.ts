// A realistic large cinema, inserted with set-based SQL so seeding takes seconds:
// halls of 15 rows x 20 seats (an aisle in the middle), a film per hall, showtimes 3 h
// apart, and confirmed two-seat bookings spread over every showtime.
import { hashPassword } from "@marquee/db";
import type pg from "pg";

export type DatasetSize = { halls: number; showtimesPerHall: number; reservations: number };

export const FULL: DatasetSize = { halls: 20, showtimesPerHall: 100, reservations: 50_000 };
export const SMOKE: DatasetSize = { halls: 2, showtimesPerHall: 10, reservations: 400 };

const ROWS = 15;
const ROW = "SSSSSSSSSS_SSSSSSSSSS";
export const SEATS_PER_HALL = ROWS * 20;
export const LOGIN_PASSWORD = "bench-password-123";

export async function seedDataset(client: pg.Client, size: DatasetSize): Promise<void> {
  const layout = Array.from({ length: ROWS }, () => ROW);
  await client.query("BEGIN");
  await client.query(
    `INSERT INTO "Hall" (id, name, layout, "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'Bench hall ' || h, $1::text[], now(), now()
     FROM generate_series(1, $2::int) h`,
    [layout, size.halls],
  );
  // Seats: 20 per row, numbered 1..20, the aisle after seat 10 (x skips 10).
  await client.query(
    `INSERT INTO "Seat" (id, "hallId", row, number, kind, x, y)
     SELECT gen_random_uuid(), h.id, chr(65 + r), n, 'STANDARD', CASE WHEN n <= 10 THEN n - 1 ELSE n END, r
     FROM "Hall" h, generate_series(0, ${ROWS - 1}) r, generate_series(1, 20) n`,
  );
  await client.query(
    `INSERT INTO "Movie" (id, title, description, genres, "durationMinutes", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'Bench film ' || m, '', ARRAY['drama'], 120, now(), now()
     FROM generate_series(1, $1::int) m`,
    [size.halls],
  );
  await client.query(
    `INSERT INTO "Showtime" (id, "movieId", "hallId", "startsAt", "endsAt", "busyUntil",
       "priceStandard", "pricePremium", "priceWheelchair", "priceCompanion", currency, status,
       "createdAt", "updatedAt")
     SELECT gen_random_uuid(), m.id, h.id, s.start, s.start + interval '120 minutes',
       s.start + interval '135 minutes', 1200, 1650, 1200, 1200, 'EUR', 'SCHEDULED', now(), now()
     FROM (SELECT id, row_number() OVER (ORDER BY name) AS n FROM "Hall") h
     JOIN (SELECT id, row_number() OVER (ORDER BY title) AS n FROM "Movie") m ON m.n = h.n
     CROSS JOIN LATERAL (
       SELECT date_trunc('hour', now()) + interval '2 days' + k * interval '3 hours' AS start
       FROM generate_series(0, $1::int - 1) k) s`,
    [size.showtimesPerHall],
  );
  const owner = await client.query<{ id: string }>(
    `INSERT INTO "User" (id, email, name, "passwordHash", role, "createdAt", "updatedAt")
     VALUES (gen_random_uuid(), 'bench-owner@bench.test', 'Bench owner', $1, 'USER', now(), now())
     RETURNING id`,
    [await hashPassword(LOGIN_PASSWORD)],
  );
  const perShowtime = Math.ceil(size.reservations / (size.halls * size.showtimesPerHall));
  await client.query(
    `INSERT INTO "Reservation" (id, code, "userId", "showtimeId", status, total, currency,
       "confirmedAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'BN' || lpad((s.n * 1000 + k)::text, 9, '0'), $1::uuid, s.id,
       'CONFIRMED', 2400, 'EUR', now(), now(), now()
     FROM (SELECT id, row_number() OVER (ORDER BY "startsAt", id) AS n FROM "Showtime") s,
       generate_series(0, $2::int - 1) k
     ORDER BY s.n, k
     LIMIT $3`,
    [owner.rows[0]?.id, perShowtime, size.reservations],
  );
  // Booked seats: the k-th booking of a showtime takes the hall's seats 2k and 2k+1.
  await client.query(
    `INSERT INTO "ReservationSeat" (id, "reservationId", "showtimeId", "hallId", "seatId", price, live)
     SELECT gen_random_uuid(), r.id, r."showtimeId", st."hallId", seat.id, 1200, true
     FROM (SELECT id, "showtimeId", row_number() OVER (PARTITION BY "showtimeId" ORDER BY code) - 1 AS k
           FROM "Reservation") r
     JOIN "Showtime" st ON st.id = r."showtimeId"
     JOIN (SELECT id, "hallId", row_number() OVER (PARTITION BY "hallId" ORDER BY y, x) - 1 AS idx
           FROM "Seat") seat ON seat."hallId" = st."hallId" AND seat.idx IN (2 * r.k, 2 * r.k + 1)`,
  );
  await client.query("COMMIT");
  await client.query("ANALYZE");
}

/** Signed-in bench users: sessions inserted directly (hash of a known token). */
export async function createBenchUsers(
  client: pg.Client,
  count: number,
  sessionId: (token: string) => string,
  token: () => string,
): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const t = token();
    await client.query(
      `WITH u AS (
         INSERT INTO "User" (id, email, name, "passwordHash", role, "createdAt", "updatedAt")
         VALUES (gen_random_uuid(), $1, 'Bench user', 'unusable', 'USER', now(), now()) RETURNING id)
       INSERT INTO "Session" (id, "userId", "expiresAt", "createdAt", "updatedAt")
       SELECT $2, u.id, now() + interval '1 day', now(), now() FROM u`,
      [`bench-${i}-${Date.now()}@bench.test`, sessionId(t)],
    );
    tokens.push(t);
  }
  return tokens;
}

/** Pairs of adjacent free seats (in the same row), showtime by showtime. */
export async function freeSeatPairs(
  client: pg.Client,
  limit: number,
): Promise<{ showtimeId: string; seatIds: [string, string] }[]> {
  const rows = await client.query<{ showtimeId: string; a: string; b: string }>(
    `SELECT st.id AS "showtimeId", s1.id AS a, s2.id AS b
     FROM "Showtime" st
     JOIN "Seat" s1 ON s1."hallId" = st."hallId" AND s1.number % 2 = 1
     JOIN "Seat" s2 ON s2."hallId" = st."hallId" AND s2.row = s1.row AND s2.number = s1.number + 1
     WHERE NOT EXISTS (SELECT 1 FROM "ReservationSeat" rs
                       WHERE rs."showtimeId" = st.id AND rs."seatId" IN (s1.id, s2.id) AND rs.live)
     ORDER BY s1.y DESC, s1.number, st."startsAt"
     LIMIT $1`,
    [limit],
  );
  return rows.rows.map((r) => ({ showtimeId: r.showtimeId, seatIds: [r.a, r.b] }));
}
