// reservation.hold: all or nothing. The database's partial unique index on live reserved
// seats is what makes a double sale impossible; everything here only makes the answer kind.
import { randomBytes } from "node:crypto";
import { type Prisma } from "@marquee/db";
import { generateBookingCode, type SeatKind } from "@marquee/domain";
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../db-errors";
import { BUSY_TRANSACTION, withRetry } from "../db-retry";
import { uuidv7 } from "../ids";
import { readReservation } from "./read-reservation";
import { reservationSelect, toReservationView, type ReservationView } from "./views";

type Deps = Pick<Context, "db" | "now" | "config"> & { user: SessionUser };
type Tx = Prisma.TransactionClient;

export type HoldInput = {
  showtimeId: string;
  seatIds: string[];
  idempotencyKey?: string | undefined;
};

const MINUTE = 60_000;

export function priceOf(
  kind: SeatKind,
  showtime: {
    priceStandard: number;
    pricePremium: number;
    priceWheelchair: number;
    priceCompanion: number;
  },
): number {
  switch (kind) {
    case "PREMIUM":
      return showtime.pricePremium;
    case "WHEELCHAIR":
      return showtime.priceWheelchair;
    case "COMPANION":
      return showtime.priceCompanion;
    default:
      return showtime.priceStandard;
  }
}

/** Throws unless tickets for the showtime are still on sale. */
export function assertOnSale(
  showtime: { status: string; startsAt: Date },
  now: Date,
  cutoffMinutes: number,
): void {
  if (showtime.status !== "SCHEDULED") {
    throw new AppError("CONFLICT", "This showtime was cancelled; its seats cannot be booked");
  }
  if (now.getTime() >= showtime.startsAt.getTime() - cutoffMinutes * MINUTE) {
    throw new AppError("CONFLICT", "Ticket sales for this showtime have closed");
  }
}

/**
 * Marks holds on these seats whose deadline has passed as EXPIRED and frees their seats, so
 * expired holds never block anyone, whether or not the periodic sweep has run.
 */
export async function releaseExpiredHolds(
  tx: Tx,
  showtimeId: string,
  seatIds: string[],
  now: Date,
): Promise<void> {
  // One statement: the CTE expires the reservations, the outer update frees all their seats.
  await tx.$executeRaw`
    WITH expired AS (
      UPDATE "Reservation" SET status = 'EXPIRED', "updatedAt" = ${now}
      WHERE status = 'HELD' AND "holdExpiresAt" <= ${now} AND id IN (
        SELECT rs."reservationId" FROM "ReservationSeat" rs
        WHERE rs."showtimeId" = ${showtimeId}::uuid AND rs."seatId" = ANY(${seatIds}::uuid[]) AND rs.live)
      RETURNING id)
    UPDATE "ReservationSeat" SET live = false WHERE "reservationId" IN (SELECT id FROM expired)`;
}

/** Labels of the requested seats that someone else holds or bought. */
export async function takenSeatLabels(
  db: Pick<Tx, "$queryRaw">,
  input: { showtimeId: string; seatIds: string[]; exceptReservationId?: string; now: Date },
): Promise<string[]> {
  const except = input.exceptReservationId ?? "00000000-0000-0000-0000-000000000000";
  const rows = await db.$queryRaw<{ label: string }[]>`
    SELECT s.row || s.number AS label
    FROM "ReservationSeat" rs
    JOIN "Reservation" r ON r.id = rs."reservationId"
    JOIN "Seat" s ON s.id = rs."seatId"
    WHERE rs."showtimeId" = ${input.showtimeId}::uuid AND rs."seatId" = ANY(${input.seatIds}::uuid[])
      AND rs.live AND rs."reservationId" <> ${except}::uuid
      AND (r.status = 'CONFIRMED' OR (r.status = 'HELD' AND r."holdExpiresAt" > ${input.now}))
    ORDER BY s.y, s.x`;
  return rows.map((r) => r.label);
}

function seatsTakenError(labels: string[]): AppError {
  const list = labels.join(", ");
  const verb = labels.length === 1 ? "was" : "were";
  return new AppError("CONFLICT", `${list} ${verb} just taken by someone else`, {
    reason: "SEATS_TAKEN",
    seats: labels,
  });
}

export async function holdSeats(deps: Deps, input: HoldInput): Promise<ReservationView> {
  const now = deps.now();
  const view = (row: Parameters<typeof toReservationView>[0]) =>
    toReservationView(row, { now, timeZone: deps.config.timeZone });
  const seatIds = [...input.seatIds].sort();
  const max = deps.config.maxSeatsPerBooking;
  if (seatIds.length > max) {
    throw new AppError("INVALID", `At most ${max} seats per booking`, {
      reason: "INVALID_FIELD",
      field: "seatIds",
    });
  }

  if (input.idempotencyKey) {
    const previous = await findByIdempotencyKey(deps, input.idempotencyKey);
    if (previous) return view(assertSameRequest(previous, input));
  }

  try {
    const id = await withRetry(() =>
      deps.db.$transaction(async (tx) => {
        // FOR SHARE: a concurrent showtime.cancel waits for us (and we for it).
        const [showtime] = await tx.$queryRaw<
          {
            id: string;
            hallId: string;
            status: string;
            startsAt: Date;
            priceStandard: number;
            pricePremium: number;
            priceWheelchair: number;
            priceCompanion: number;
            currency: string;
          }[]
        >`SELECT id, "hallId", status::text AS status, "startsAt", "priceStandard", "pricePremium",
                 "priceWheelchair", "priceCompanion", currency
          FROM "Showtime" WHERE id = ${input.showtimeId}::uuid FOR SHARE`;
        if (!showtime) throw new AppError("NOT_FOUND", "No such showtime");
        assertOnSale(showtime, now, deps.config.salesCutoffMinutes);

        const seats = await tx.$queryRaw<{ id: string; kind: SeatKind }[]>`
          SELECT id, kind::text AS kind FROM "Seat"
          WHERE id = ANY(${seatIds}::uuid[]) AND "hallId" = ${showtime.hallId}::uuid`;
        if (seats.length !== seatIds.length) {
          const known = new Set(seats.map((s) => s.id));
          const foreign = seatIds.filter((s) => !known.has(s));
          throw new AppError(
            "INVALID",
            `${foreign.length === 1 ? "A seat does" : `${foreign.length} seats do`} not belong to this showtime's hall`,
            { reason: "INVALID_FIELD", field: "seatIds", seatIds: foreign },
          );
        }

        await releaseExpiredHolds(tx, showtime.id, seatIds, now);

        // Holding again replaces the user's live hold for this showtime, keeping its deadline.
        const [current] = await tx.$queryRaw<{ id: string; holdExpiresAt: Date }[]>`
          SELECT id, "holdExpiresAt" FROM "Reservation"
          WHERE "userId" = ${deps.user.id}::uuid AND "showtimeId" = ${showtime.id}::uuid
            AND status = 'HELD' AND "holdExpiresAt" > ${now}
          ORDER BY "createdAt" DESC LIMIT 1 FOR UPDATE`;

        const taken = await takenSeatLabels(tx, {
          showtimeId: showtime.id,
          seatIds,
          now,
          ...(current ? { exceptReservationId: current.id } : {}),
        });
        if (taken.length > 0) throw seatsTakenError(taken);

        const priced = seats
          .map((s) => ({ seatId: s.id, price: priceOf(s.kind, showtime) }))
          .sort((a, b) => (a.seatId < b.seatId ? -1 : 1));
        const total = priced.reduce((sum, s) => sum + s.price, 0);
        const holdUntil = new Date(now.getTime() + deps.config.holdMinutes * MINUTE);

        const seatRows = priced.map((p) => p.seatId);
        const prices = priced.map((p) => p.price);
        let reservationId: string;
        if (current) {
          reservationId = current.id;
          // The deadline never moves later: re-holding cannot keep seats forever.
          const until = current.holdExpiresAt < holdUntil ? current.holdExpiresAt : holdUntil;
          await tx.$executeRaw`
            WITH gone AS (DELETE FROM "ReservationSeat" WHERE "reservationId" = ${current.id}::uuid)
            UPDATE "Reservation" SET total = ${total}, "holdExpiresAt" = ${until}, "updatedAt" = ${now},
              "idempotencyKey" = coalesce(${input.idempotencyKey ?? null}, "idempotencyKey")
            WHERE id = ${current.id}::uuid`;
          await tx.$executeRaw`
            INSERT INTO "ReservationSeat" (id, "reservationId", "showtimeId", "hallId", "seatId", price, live)
            SELECT gen_random_uuid(), ${current.id}::uuid, ${showtime.id}::uuid, ${showtime.hallId}::uuid, seat, price, true
            FROM unnest(${seatRows}::uuid[], ${prices}::int[]) AS t(seat, price)`;
        } else {
          reservationId = uuidv7(now.getTime());
          // One statement for the reservation and its seats, in seat-id order (fewer deadlocks).
          await tx.$executeRaw`
            WITH r AS (
              INSERT INTO "Reservation" (id, code, "userId", "showtimeId", status, "holdExpiresAt",
                total, currency, "idempotencyKey", "createdAt", "updatedAt")
              VALUES (${reservationId}::uuid, ${generateBookingCode(randomBytes)}, ${deps.user.id}::uuid,
                ${showtime.id}::uuid, 'HELD', ${holdUntil}, ${total}, ${showtime.currency},
                ${input.idempotencyKey ?? null}, ${now}, ${now})
              RETURNING id)
            INSERT INTO "ReservationSeat" (id, "reservationId", "showtimeId", "hallId", "seatId", price, live)
            SELECT gen_random_uuid(), r.id, ${showtime.id}::uuid, ${showtime.hallId}::uuid, t.seat, t.price, true
            FROM r, unnest(${seatRows}::uuid[], ${prices}::int[]) AS t(seat, price)`;
        }
        return reservationId;
      }, BUSY_TRANSACTION),
    );
    return view(await readReservation(deps.db, id));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A retried request with the same idempotency key won the race: answer with its result.
    if (input.idempotencyKey) {
      const previous = await findByIdempotencyKey(deps, input.idempotencyKey);
      if (previous) return view(assertSameRequest(previous, input));
    }
    // Someone else's seats went live between our check and our insert.
    const taken = await takenSeatLabels(deps.db, { showtimeId: input.showtimeId, seatIds, now });
    throw seatsTakenError(taken.length > 0 ? taken : ["Some of these seats"]);
  }
}

async function findByIdempotencyKey(deps: Deps, key: string) {
  return deps.db.reservation.findUnique({
    where: { userId_idempotencyKey: { userId: deps.user.id, idempotencyKey: key } },
    select: reservationSelect,
  });
}

function assertSameRequest<T extends { showtimeId: string }>(previous: T, input: HoldInput): T {
  if (previous.showtimeId !== input.showtimeId) {
    throw new AppError(
      "CONFLICT",
      "This idempotency key was already used for another showtime; use a new key",
      { reason: "INVALID_FIELD", field: "idempotencyKey" },
    );
  }
  return previous;
}
