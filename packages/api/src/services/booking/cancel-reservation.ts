// reservation.cancel: by its owner or any admin, from HELD or CONFIRMED, only before the
// show starts, in one round trip (marquee_cancel, which ends it the one way reservations
// end: marquee_end_reservations). The seats are free the moment it commits.
// An admin's reason is written first, in the same transaction, so the outbox trigger puts it
// into the guest's mail; that rare path is two statements and rolls back unless cancelled.
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { BUSY_TRANSACTION, withRetry } from "../db-retry";
import { assertMayGiveReason, noteCancelReason } from "./cancel-reason";
import { callBookingFunction, viewOfAnswer } from "./booking-call";
import * as sql from "./sql";
import { type ReservationView } from "./views";

type Deps = Pick<Context, "db" | "now" | "config"> & { user: SessionUser };

/** The function's refusal, thrown inside the reason transaction so that it rolls back. */
class Refused extends Error {
  constructor(readonly result: sql.CancelResult) {
    super("cancel refused");
  }
}

export async function cancelReservation(
  deps: Deps,
  input: { reservationId: string; reason?: string | undefined },
): Promise<ReservationView> {
  const now = deps.now();
  assertMayGiveReason(deps.user, input.reason);
  const call = sql.cancel({
    reservationId: input.reservationId,
    userId: deps.user.id,
    anyOwner: deps.user.role === "ADMIN",
    now,
  });
  const reason = input.reason;
  let result: sql.CancelResult;
  if (reason === undefined) {
    result = await callBookingFunction<sql.CancelResult>(deps.db, call, "marquee_cancel");
  } else {
    try {
      result = await withRetry(() =>
        deps.db.$transaction(async (tx) => {
          await noteCancelReason(tx, input.reservationId, reason);
          const answer = await callBookingFunction<sql.CancelResult>(
            tx,
            call,
            "marquee_cancel",
            false,
          );
          if (answer.outcome !== "OK") throw new Refused(answer);
          return answer;
        }, BUSY_TRANSACTION),
      );
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      result = error.result;
    }
  }
  switch (result.outcome) {
    case "NOT_FOUND":
      throw new AppError("NOT_FOUND", "No such reservation");
    case "STARTED":
      throw new AppError("CONFLICT", "The show has started; bookings can no longer be cancelled");
    case "NOT_LIVE":
    case "OK": {
      const view = viewOfAnswer(result.reservation, now, deps.config);
      if (result.outcome === "OK") return view;
      throw new AppError(
        "CONFLICT",
        `This reservation is already ${view.status.toLowerCase()} and cannot be cancelled`,
      );
    }
  }
}
