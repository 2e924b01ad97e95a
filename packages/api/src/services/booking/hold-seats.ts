// reservation.hold: all or nothing, in one round trip (marquee_hold, see sql.ts). The
// database's partial unique index on live reserved seats is what makes a double sale
// impossible; everything here only makes the answer kind.
import { randomBytes } from "node:crypto";
import { generateBookingCode } from "@marquee/domain";
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { uuidv7 } from "../ids";
import { callBookingFunction, viewOfAnswer } from "./booking-call";
import * as sql from "./sql";
import { type ReservationView } from "./views";

type Deps = Pick<Context, "db" | "now" | "config"> & { user: SessionUser };

export type HoldInput = {
  showtimeId: string;
  seatIds: string[];
  idempotencyKey?: string | undefined;
};

/** The error for a showtime that is not on sale (the database's sale refusal). */
export function notOnSale(outcome: "SHOWTIME_CANCELLED" | "SALES_CLOSED"): AppError {
  return outcome === "SHOWTIME_CANCELLED"
    ? new AppError("CONFLICT", "This showtime was cancelled; its seats cannot be booked")
    : new AppError("CONFLICT", "Ticket sales for this showtime have closed");
}

function seatsTakenError(labels: string[]): AppError {
  const seats = labels.length > 0 ? labels : ["Some of these seats"];
  const verb = seats.length === 1 ? "was" : "were";
  return new AppError("CONFLICT", `${seats.join(", ")} ${verb} just taken by someone else`, {
    reason: "SEATS_TAKEN",
    seats,
  });
}

function seatLimitError(max: number, already: number): AppError {
  return new AppError(
    "CONFLICT",
    `One account can have at most ${max} seats for a showtime` +
      (already > 0 ? `; you already have ${already}` : ""),
    { reason: "SEAT_LIMIT", field: "seatIds", max, alreadyHeld: already },
  );
}

function foreignSeatsError(foreign: string[]): AppError {
  return new AppError(
    "INVALID",
    `${foreign.length === 1 ? "A seat does" : `${foreign.length} seats do`} not belong to this showtime's hall`,
    { reason: "INVALID_FIELD", field: "seatIds", seatIds: foreign },
  );
}

export async function holdSeats(deps: Deps, input: HoldInput): Promise<ReservationView> {
  const now = deps.now();
  const seatIds = [...input.seatIds].sort();
  const max = deps.config.maxSeatsPerBooking;
  if (seatIds.length > max) {
    throw new AppError("INVALID", `At most ${max} seats per booking`, {
      reason: "INVALID_FIELD",
      field: "seatIds",
    });
  }
  const call = sql.hold({
    userId: deps.user.id,
    showtimeId: input.showtimeId,
    seatIds,
    idempotencyKey: input.idempotencyKey ?? null,
    now,
    holdMinutes: deps.config.holdMinutes,
    salesCutoffMinutes: deps.config.salesCutoffMinutes,
    maxSeatsPerShowtime: deps.config.maxSeatsPerShowtime,
    newReservationId: uuidv7(now.getTime()),
    newCode: generateBookingCode(randomBytes),
  });
  // Deadlock victims (racers for overlapping seats) are retried; answers are not.
  const result = await callBookingFunction<sql.HoldResult>(deps.db, call, "marquee_hold");
  switch (result.outcome) {
    case "OK":
      return viewOfAnswer(result.reservation, now, deps.config);
    case "NO_SHOWTIME":
      throw new AppError("NOT_FOUND", "No such showtime");
    case "SHOWTIME_CANCELLED":
    case "SALES_CLOSED":
      throw notOnSale(result.outcome);
    case "FOREIGN_SEATS":
      throw foreignSeatsError(result.seatIds);
    case "SEAT_LIMIT":
      throw seatLimitError(deps.config.maxSeatsPerShowtime, result.alreadyHeld);
    case "TAKEN":
      throw seatsTakenError(result.seats);
    case "KEY_REUSED":
      throw new AppError(
        "CONFLICT",
        "This idempotency key was already used for another showtime; use a new key",
        { reason: "INVALID_FIELD", field: "idempotencyKey" },
      );
  }
}
