// reservation.confirm: HELD -> CONFIRMED. A hold past its deadline is still honoured when
// every seat is still free; otherwise EXPIRED names the seats that were lost.
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../db-errors";
import { BUSY_TRANSACTION, withRetry } from "../db-retry";
import { assertOnSale, takenSeatLabels } from "./hold-seats";
import { readReservation } from "./read-reservation";
import * as sql from "./sql";
import { toReservationView, type ReservationView } from "./views";

type Deps = Pick<Context, "db" | "now" | "config"> & { user: SessionUser };

export async function confirmReservation(
  deps: Deps,
  input: { reservationId: string },
): Promise<ReservationView> {
  const now = deps.now();
  try {
    await withRetry(() =>
      deps.db.$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<sql.LockedReservationRow[]>(
          sql.lockReservation(input.reservationId),
        );
        // Someone else's reservation is reported as missing: no probing of ids.
        if (!row || row.userId !== deps.user.id) {
          throw new AppError("NOT_FOUND", "No such reservation");
        }
        if (row.status === "CONFIRMED") return;
        if (row.status === "CANCELLED") {
          throw new AppError("CONFLICT", "This reservation was cancelled and cannot be confirmed");
        }
        assertOnSale(
          { status: row.showtimeStatus, startsAt: row.startsAt },
          now,
          deps.config.salesCutoffMinutes,
        );
        // A lapsed hold takes its seats back if nobody else has (the index decides).
        await tx.$executeRaw(sql.confirmHold(row.id, now));
      }, BUSY_TRANSACTION),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const held = await readReservation(deps.db, input.reservationId);
    const lost = await takenSeatLabels(deps.db, {
      showtimeId: held.showtimeId,
      seatIds: held.seats.map((s) => s.seat.id),
      exceptReservationId: held.id,
      now,
    });
    throw new AppError(
      "EXPIRED",
      `Your hold expired and ${lost.join(", ")} ${lost.length === 1 ? "was" : "were"} taken meanwhile. Please choose seats again.`,
      { reason: "HOLD_EXPIRED", seats: lost },
    );
  }
  return toReservationView(await readReservation(deps.db, input.reservationId), {
    now,
    timeZone: deps.config.timeZone,
  });
}
