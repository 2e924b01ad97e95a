// reservation.cancel: by its owner or any admin, from HELD or CONFIRMED, only before the
// show starts. The seats are free the moment the transaction commits.
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { BUSY_TRANSACTION, withRetry } from "../db-retry";
import { readReservation } from "./read-reservation";
import * as sql from "./sql";
import { effectiveStatus, toReservationView, type ReservationView } from "./views";

type Deps = Pick<Context, "db" | "now" | "config"> & { user: SessionUser };

export async function cancelReservation(
  deps: Deps,
  input: { reservationId: string },
): Promise<ReservationView> {
  const now = deps.now();
  await withRetry(() =>
    deps.db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<sql.LockedReservationRow[]>(
        sql.lockReservation(input.reservationId),
      );
      if (!row || (row.userId !== deps.user.id && deps.user.role !== "ADMIN")) {
        throw new AppError("NOT_FOUND", "No such reservation");
      }
      const status = effectiveStatus(row, now);
      if (status !== "HELD" && status !== "CONFIRMED") {
        throw new AppError(
          "CONFLICT",
          `This reservation is already ${status.toLowerCase()} and cannot be cancelled`,
        );
      }
      if (now >= row.startsAt) {
        throw new AppError("CONFLICT", "The show has started; bookings can no longer be cancelled");
      }
      await tx.$queryRaw(sql.cancelReservationSql(row.id, now));
    }, BUSY_TRANSACTION),
  );
  return toReservationView(await readReservation(deps.db, input.reservationId), {
    now,
    timeZone: deps.config.timeZone,
  });
}
