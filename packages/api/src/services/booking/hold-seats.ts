// reservation.hold: all or nothing. The database's partial unique index on live reserved
// seats is what makes a double sale impossible; everything here only makes the answer kind.
import { randomBytes } from "node:crypto";
import { type Prisma } from "@marquee/db";
import { generateBookingCode, priceOf, saleState, type ShowtimeStatus } from "@marquee/domain";
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../db-errors";
import { BUSY_TRANSACTION, withRetry } from "../db-retry";
import { uuidv7 } from "../ids";
import { readReservation } from "./read-reservation";
import * as sql from "./sql";
import { reservationSelect, toReservationView, type ReservationView } from "./views";

type Deps = Pick<Context, "db" | "now" | "config"> & { user: SessionUser };
type Tx = Prisma.TransactionClient;

export type HoldInput = {
  showtimeId: string;
  seatIds: string[];
  idempotencyKey?: string | undefined;
};

const MINUTE = 60_000;

/** Throws unless tickets for the showtime are still on sale. */
export function assertOnSale(
  showtime: { status: ShowtimeStatus; startsAt: Date },
  now: Date,
  cutoffMinutes: number,
): void {
  switch (saleState(showtime, { now, cutoffMinutes })) {
    case "CANCELLED":
      throw new AppError("CONFLICT", "This showtime was cancelled; its seats cannot be booked");
    case "CLOSED":
      throw new AppError("CONFLICT", "Ticket sales for this showtime have closed");
    default:
  }
}

/** Labels of the requested seats that someone else holds or bought. */
export async function takenSeatLabels(
  db: Pick<Tx, "$queryRaw">,
  input: Parameters<typeof sql.takenSeats>[0],
): Promise<string[]> {
  const rows = await db.$queryRaw<sql.LabelRow[]>(sql.takenSeats(input));
  return rows.map((r) => r.label);
}

/** One account holds and buys at most `max` seats per showtime, all reservations together. */
async function assertUnderShowtimeCap(
  tx: Tx,
  input: Parameters<typeof sql.userSeatCount>[0] & { wanted: number; max: number },
): Promise<void> {
  const [row] = await tx.$queryRaw<sql.SeatCountRow[]>(sql.userSeatCount(input));
  const already = row?.seats ?? 0;
  if (already + input.wanted <= input.max) return;
  throw new AppError(
    "CONFLICT",
    `One account can have at most ${input.max} seats for a showtime` +
      (already > 0 ? `; you already have ${already}` : ""),
    { reason: "SEAT_LIMIT", field: "seatIds", max: input.max, alreadyHeld: already },
  );
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
        const [showtime] = await tx.$queryRaw<sql.ShowtimeForSaleRow[]>(
          sql.showtimeForSale(input.showtimeId, deps.user.id),
        );
        if (!showtime) throw new AppError("NOT_FOUND", "No such showtime");
        assertOnSale(showtime, now, deps.config.salesCutoffMinutes);

        const seats = await tx.$queryRaw<sql.HallSeatRow[]>(
          sql.seatsOfHall(seatIds, showtime.hallId),
        );
        if (seats.length !== seatIds.length) {
          const known = new Set(seats.map((s) => s.id));
          const foreign = seatIds.filter((s) => !known.has(s));
          throw new AppError(
            "INVALID",
            `${foreign.length === 1 ? "A seat does" : `${foreign.length} seats do`} not belong to this showtime's hall`,
            { reason: "INVALID_FIELD", field: "seatIds", seatIds: foreign },
          );
        }

        const mine = { userId: deps.user.id, showtimeId: showtime.id, now };
        await tx.$queryRaw(sql.expireLapsedHolds({ ...mine, seatIds }));
        const [current] = await tx.$queryRaw<sql.CurrentHoldRow[]>(
          sql.currentHold(deps.user.id, showtime.id, now),
        );
        await assertUnderShowtimeCap(tx, {
          ...mine,
          exceptReservationId: current?.id,
          wanted: seatIds.length,
          max: deps.config.maxSeatsPerShowtime,
        });
        const taken = await takenSeatLabels(tx, {
          showtimeId: showtime.id,
          seatIds,
          now,
          exceptReservationId: current?.id,
        });
        if (taken.length > 0) throw seatsTakenError(taken);

        const priced = seats
          .map((s) => ({ seatId: s.id, price: priceOf(s.kind, showtime) }))
          .sort((a, b) => (a.seatId < b.seatId ? -1 : 1));
        const held = {
          showtimeId: showtime.id,
          hallId: showtime.hallId,
          seatIds: priced.map((p) => p.seatId),
          prices: priced.map((p) => p.price),
          total: priced.reduce((sum, s) => sum + s.price, 0),
          holdUntil: new Date(now.getTime() + deps.config.holdMinutes * MINUTE),
          idempotencyKey: input.idempotencyKey ?? null,
          now,
        };
        // Holding again replaces the user's live hold for this showtime, keeping its code.
        const reservationId = current?.id ?? uuidv7(now.getTime());
        if (current) {
          await tx.$executeRaw(sql.emptyHold({ ...held, reservationId }));
          await tx.$executeRaw(sql.insertHoldSeats({ ...held, reservationId }));
        } else {
          await tx.$executeRaw(
            sql.insertHold({
              ...held,
              reservationId,
              code: generateBookingCode(randomBytes),
              userId: deps.user.id,
              currency: showtime.currency,
            }),
          );
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
