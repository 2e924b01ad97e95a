// The booking path's statements, once: Prisma.sql builders beside the rows they return.
// The services run them through Prisma; the benchmark's raw-`pg` floor runs these very
// builders (`.text` / `.values`), so the floor measures exactly what Marquee sends.
import { Prisma } from "@marquee/db";
import { type SeatKind, type ShowtimeStatus } from "@marquee/domain";
import { endReservationsSql, liveReservationSql, liveSeatSql } from "./lifecycle";
import { type ReservationRow } from "./views";

/** Compared with reservation ids where "except none" is meant. */
const NO_RESERVATION = "00000000-0000-0000-0000-000000000000";

/**
 * The showtime a hold is for, read under FOR SHARE (a concurrent cancellation waits), after
 * taking the user's lock for this showtime: one user's holds on one showtime run one at a
 * time, so the per-user seat cap cannot be outrun by parallel requests.
 */
export type ShowtimeForSaleRow = {
  id: string;
  hallId: string;
  status: ShowtimeStatus;
  startsAt: Date;
  priceStandard: number;
  pricePremium: number;
  priceWheelchair: number;
  priceCompanion: number;
  currency: string;
};
export const showtimeForSale = (showtimeId: string, userId: string) => Prisma.sql`
  WITH mine AS (
    SELECT pg_advisory_xact_lock(hashtextextended(${`hold ${userId} ${showtimeId}`}, 0)))
  SELECT id, "hallId", status::text AS status, "startsAt", "priceStandard", "pricePremium",
         "priceWheelchair", "priceCompanion", currency
  FROM "Showtime", (SELECT count(*) FROM mine) locked
  WHERE id = ${showtimeId}::uuid FOR SHARE OF "Showtime"`;

export type HallSeatRow = { id: string; kind: SeatKind };
export const seatsOfHall = (seatIds: string[], hallId: string) => Prisma.sql`
  SELECT id, kind::text AS kind FROM "Seat"
  WHERE id = ANY(${seatIds}::uuid[]) AND "hallId" = ${hallId}::uuid`;

/**
 * Ends lapsed holds on these seats (an expired hold never blocks anyone) and the user's own
 * lapsed hold for the showtime (the one-hold-per-user index would refuse a new one).
 */
export const expireLapsedHolds = (input: {
  showtimeId: string;
  seatIds: string[];
  userId: string;
  now: Date;
}) =>
  endReservationsSql(
    Prisma.sql`r.id IN (
      SELECT rs."reservationId" FROM "ReservationSeat" rs
      WHERE rs."showtimeId" = ${input.showtimeId}::uuid AND rs."seatId" = ANY(${input.seatIds}::uuid[])
        AND rs.live)
      OR (r."userId" = ${input.userId}::uuid AND r."showtimeId" = ${input.showtimeId}::uuid)`,
    "EXPIRED",
    input.now,
  );

/** Seats the user already holds or bought for the showtime, but for one reservation. */
export type SeatCountRow = { seats: number };
export const userSeatCount = (input: {
  userId: string;
  showtimeId: string;
  now: Date;
  exceptReservationId?: string | undefined;
}) => Prisma.sql`
  SELECT count(*)::int AS seats
  FROM "ReservationSeat" rs JOIN "Reservation" r ON r.id = rs."reservationId"
  WHERE r."userId" = ${input.userId}::uuid AND rs."showtimeId" = ${input.showtimeId}::uuid
    AND r.id <> ${input.exceptReservationId ?? NO_RESERVATION}::uuid
    AND ${liveSeatSql("rs", "r", input.now)}`;

/** The user's live hold for a showtime, locked: holding again replaces it. */
export type CurrentHoldRow = { id: string; holdExpiresAt: Date };
export const currentHold = (userId: string, showtimeId: string, now: Date) => Prisma.sql`
  SELECT r.id, r."holdExpiresAt" FROM "Reservation" r
  WHERE r."userId" = ${userId}::uuid AND r."showtimeId" = ${showtimeId}::uuid
    AND r.status = 'HELD' AND ${liveReservationSql("r", now)}
  ORDER BY r."createdAt" DESC LIMIT 1 FOR UPDATE`;

/** Labels of the requested seats that another live reservation holds, in seat-map order. */
export type LabelRow = { label: string };
export const takenSeats = (input: {
  showtimeId: string;
  seatIds: string[];
  now: Date;
  exceptReservationId?: string | undefined;
}) => Prisma.sql`
  SELECT s.row || s.number AS label
  FROM "ReservationSeat" rs
  JOIN "Reservation" r ON r.id = rs."reservationId"
  JOIN "Seat" s ON s.id = rs."seatId"
  WHERE rs."showtimeId" = ${input.showtimeId}::uuid AND rs."seatId" = ANY(${input.seatIds}::uuid[])
    AND rs."reservationId" <> ${input.exceptReservationId ?? NO_RESERVATION}::uuid
    AND ${liveSeatSql("rs", "r", input.now)}
  ORDER BY s.y, s.x`;

export type HoldSeats = {
  showtimeId: string;
  hallId: string;
  /** Seat ids and their prices, in seat-id order (fewer deadlocks between racers). */
  seatIds: string[];
  prices: number[];
};

/** One statement for a new hold and its seats. */
export const insertHold = (
  h: HoldSeats & {
    reservationId: string;
    code: string;
    userId: string;
    holdUntil: Date;
    total: number;
    currency: string;
    idempotencyKey: string | null;
    now: Date;
  },
) => Prisma.sql`
  WITH r AS (
    INSERT INTO "Reservation" (id, code, "userId", "showtimeId", status, "holdExpiresAt",
      total, currency, "idempotencyKey", "createdAt", "updatedAt")
    VALUES (${h.reservationId}::uuid, ${h.code}, ${h.userId}::uuid, ${h.showtimeId}::uuid,
      'HELD', ${h.holdUntil}, ${h.total}, ${h.currency}, ${h.idempotencyKey}, ${h.now}, ${h.now})
    RETURNING id)
  INSERT INTO "ReservationSeat" (id, "reservationId", "showtimeId", "hallId", "seatId", price, live)
  SELECT gen_random_uuid(), r.id, ${h.showtimeId}::uuid, ${h.hallId}::uuid, t.seat, t.price, true
  FROM r, unnest(${h.seatIds}::uuid[], ${h.prices}::int[]) AS t(seat, price)`;

/**
 * Empties a live hold for new seats (insertHoldSeats follows); its deadline only ever moves
 * earlier. Two statements, because a writing CTE runs after the main statement, and the new
 * seats may include old ones.
 */
export const emptyHold = (h: {
  reservationId: string;
  holdUntil: Date;
  total: number;
  idempotencyKey: string | null;
  now: Date;
}) => Prisma.sql`
  WITH gone AS (DELETE FROM "ReservationSeat" WHERE "reservationId" = ${h.reservationId}::uuid)
  UPDATE "Reservation" SET total = ${h.total},
    "holdExpiresAt" = least("holdExpiresAt", ${h.holdUntil}), "updatedAt" = ${h.now},
    "idempotencyKey" = coalesce(${h.idempotencyKey}, "idempotencyKey")
  WHERE id = ${h.reservationId}::uuid`;

export const insertHoldSeats = (h: HoldSeats & { reservationId: string }) => Prisma.sql`
  INSERT INTO "ReservationSeat" (id, "reservationId", "showtimeId", "hallId", "seatId", price, live)
  SELECT gen_random_uuid(), ${h.reservationId}::uuid, ${h.showtimeId}::uuid, ${h.hallId}::uuid,
    t.seat, t.price, true
  FROM unnest(${h.seatIds}::uuid[], ${h.prices}::int[]) AS t(seat, price)`;

/** A reservation and its showtime's sale facts, locked for a confirm or a cancel. */
export type LockedReservationRow = {
  id: string;
  userId: string | null;
  status: ReservationRow["status"];
  holdExpiresAt: Date | null;
  showtimeId: string;
  showtimeStatus: ShowtimeStatus;
  startsAt: Date;
};
export const lockReservation = (reservationId: string) => Prisma.sql`
  SELECT r.id, r."userId", r.status::text AS status, r."holdExpiresAt", r."showtimeId",
         s.status::text AS "showtimeStatus", s."startsAt"
  FROM "Reservation" r JOIN "Showtime" s ON s.id = r."showtimeId"
  WHERE r.id = ${reservationId}::uuid FOR UPDATE OF r`;

/**
 * HELD (or EXPIRED, its seats taken back if still free) -> CONFIRMED. Re-marking the seats
 * live is what lets the partial unique index refuse a lapsed hold whose seats were sold.
 */
export const confirmHold = (reservationId: string, now: Date) => Prisma.sql`
  WITH revived AS (
    UPDATE "ReservationSeat" SET live = true
    WHERE "reservationId" = ${reservationId}::uuid AND NOT live)
  UPDATE "Reservation" SET status = 'CONFIRMED', "confirmedAt" = ${now},
    "holdExpiresAt" = NULL, "updatedAt" = ${now}
  WHERE id = ${reservationId}::uuid`;

export const cancelReservationSql = (reservationId: string, now: Date) =>
  endReservationsSql(Prisma.sql`r.id = ${reservationId}::uuid`, "CANCELLED", now);

/** The reservation view's facts in one round trip (the nested Prisma select takes several). */
export type ReservationReadRow = Omit<ReservationRow, "showtime"> & {
  startsAt: Date;
  endsAt: Date;
  showtimeStatus: ReservationRow["showtime"]["status"];
  cancelledReason: string | null;
  movie: ReservationRow["showtime"]["movie"];
  hall: ReservationRow["showtime"]["hall"];
};
export const readReservation = (reservationId: string) => Prisma.sql`
  SELECT r.id, r.code, r.status::text AS status, r."showtimeId", r.total, r.currency,
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
  WHERE r.id = ${reservationId}::uuid`;
