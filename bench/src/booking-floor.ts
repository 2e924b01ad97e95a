// The booking floor: the very statements Marquee's hold and confirm send (the API's own
// Prisma.sql builders), in the same transactions, straight through `pg` with the server's
// pool size. No HTTP, no tRPC, no Prisma: what remains is the database's own cost.
import { randomBytes, randomUUID } from "node:crypto";
import { bookingSql as sql, sessionLookupSql } from "@marquee/api";
import type pg from "pg";

export type FloorClient = { pool: pg.Pool; userId: string; sessionId: string };

type Statement = { text: string; values: unknown[] };

async function inTransaction<T>(
  pool: pg.Pool,
  work: (run: <R extends pg.QueryResultRow>(s: Statement) => Promise<R[]>) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  const run = async <R extends pg.QueryResultRow>(s: Statement) =>
    (await client.query<R>(s.text, s.values)).rows;
  try {
    await client.query("BEGIN");
    const result = await work(run);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

export async function floorBooking(
  c: FloorClient,
  showtimeId: string,
  seatIds: string[],
): Promise<boolean> {
  const lookup = sessionLookupSql(c.sessionId);
  await c.pool.query(lookup.text, lookup.values);
  const now = new Date();
  const sorted = [...seatIds].sort();
  const reservationId = await inTransaction(c.pool, async (run) => {
    const [showtime] = await run<sql.ShowtimeForSaleRow>(sql.showtimeForSale(showtimeId, c.userId));
    if (!showtime) throw new Error("no showtime");
    const seats = await run<sql.HallSeatRow>(sql.seatsOfHall(sorted, showtime.hallId));
    const mine = { userId: c.userId, showtimeId, now };
    await run(sql.expireLapsedHolds({ ...mine, seatIds: sorted }));
    const [current] = await run<sql.CurrentHoldRow>(sql.currentHold(c.userId, showtimeId, now));
    await run<sql.SeatCountRow>(sql.userSeatCount({ ...mine, exceptReservationId: current?.id }));
    const taken = await run<sql.LabelRow>(
      sql.takenSeats({ showtimeId, seatIds: sorted, now, exceptReservationId: current?.id }),
    );
    if (taken.length > 0) throw new Error("taken");
    const id = randomUUID();
    await run(
      sql.insertHold({
        reservationId: id,
        code: randomBytes(6).toString("hex"),
        userId: c.userId,
        showtimeId,
        hallId: showtime.hallId,
        seatIds: sorted,
        prices: sorted.map(() => showtime.priceStandard),
        holdUntil: new Date(now.getTime() + 600_000),
        total: seats.length * showtime.priceStandard,
        currency: showtime.currency,
        idempotencyKey: null,
        now,
      }),
    );
    return id;
  });
  const read = sql.readReservation(reservationId);
  await c.pool.query(read.text, read.values);

  await c.pool.query(lookup.text, lookup.values);
  await inTransaction(c.pool, async (run) => {
    await run(sql.lockReservation(reservationId));
    await run(sql.confirmHold(reservationId, new Date()));
  });
  await c.pool.query(read.text, read.values);
  return true;
}
