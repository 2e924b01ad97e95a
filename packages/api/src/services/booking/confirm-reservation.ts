// reservation.confirm: HELD -> CONFIRMED in one round trip (marquee_confirm). A hold past its
// deadline is still honoured when every seat is still free; otherwise EXPIRED names the
// seats that were lost.
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { notOnSale } from "./hold-seats";
import { callBookingFunction, viewOfAnswer } from "./booking-call";
import * as sql from "./sql";
import { type ReservationView } from "./views";

type Deps = Pick<Context, "db" | "now" | "config"> & { user: SessionUser };

export async function confirmReservation(
  deps: Deps,
  input: { reservationId: string },
): Promise<ReservationView> {
  const now = deps.now();
  const call = sql.confirm({
    reservationId: input.reservationId,
    userId: deps.user.id,
    now,
    salesCutoffMinutes: deps.config.salesCutoffMinutes,
  });
  const result = await callBookingFunction<sql.ConfirmResult>(deps.db, call, "marquee_confirm");
  switch (result.outcome) {
    case "OK":
      return viewOfAnswer(result.reservation, now, deps.config);
    // Someone else's reservation is reported as missing: no probing of ids.
    case "NOT_FOUND":
      throw new AppError("NOT_FOUND", "No such reservation");
    case "CANCELLED":
      throw new AppError("CONFLICT", "This reservation was cancelled and cannot be confirmed");
    case "SHOWTIME_CANCELLED":
    case "SALES_CLOSED":
      throw notOnSale(result.outcome);
    case "HOLD_EXPIRED": {
      const lost = result.seats;
      throw new AppError(
        "EXPIRED",
        `Your hold expired and ${lost.join(", ")} ${lost.length === 1 ? "was" : "were"} taken meanwhile. Please choose seats again.`,
        { reason: "HOLD_EXPIRED", seats: lost },
      );
    }
  }
}
