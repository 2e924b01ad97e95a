// The booking floor: the very statements Marquee's hold and confirm send (the API's own
// Prisma.sql builders: one call to marquee_hold, one to marquee_confirm), straight through
// `pg` with the server's pool size. No HTTP, no tRPC, no Prisma: what remains is the
// database's own cost plus `pg`'s. No session lookup either: the server caches sessions
// (SESSION_CACHE_MS), so its hot path does not send one per request.
import { randomBytes, randomUUID } from "node:crypto";
import { bookingSql as sql } from "@marquee/api";
import type pg from "pg";

export type FloorClient = { pool: pg.Pool; userId: string; sessionId: string };

/** The hold call Marquee sends, for one user and two seats (also the pgbench template). */
export function holdCall(userId: string, showtimeId: string, seatIds: string[]) {
  return sql.hold({
    userId,
    showtimeId,
    seatIds: [...seatIds].sort(),
    idempotencyKey: null,
    now: new Date(),
    holdMinutes: 10,
    salesCutoffMinutes: 0,
    maxSeatsPerShowtime: 1_000_000,
    newReservationId: randomUUID(),
    newCode: randomBytes(5).toString("hex"),
  });
}

export async function floorBooking(
  c: FloorClient,
  showtimeId: string,
  seatIds: string[],
): Promise<boolean> {
  const held = holdCall(c.userId, showtimeId, seatIds);
  const [hold] = (await c.pool.query<sql.HoldRow>(held.text, held.values)).rows;
  if (hold?.result.outcome !== "OK") throw new Error(`hold: ${hold?.result.outcome}`);
  const reservationId = hold.result.reservation.id;

  const confirm = sql.confirm({
    reservationId,
    userId: c.userId,
    now: new Date(),
    salesCutoffMinutes: 0,
  });
  const [confirmed] = (await c.pool.query<sql.ConfirmRow>(confirm.text, confirm.values)).rows;
  if (confirmed?.result.outcome !== "OK") throw new Error(`confirm: ${confirmed?.result.outcome}`);
  return true;
}
