// reservation.cancel: by its owner or any admin, from HELD or CONFIRMED, only before the
// show starts. The seats are free the moment the transaction commits.
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { BUSY_TRANSACTION, withRetry } from "../db-retry";
import { readReservation } from "./read-reservation";
import { toReservationView, type ReservationView } from "./views";

type Deps = Pick<Context, "db" | "now" | "config"> & { user: SessionUser };

export async function cancelReservation(
  deps: Deps,
  input: { reservationId: string },
): Promise<ReservationView> {
  const now = deps.now();
  await withRetry(() =>
    deps.db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<
        { id: string; userId: string | null; status: string; startsAt: Date }[]
      >`SELECT r.id, r."userId", r.status::text AS status, s."startsAt"
        FROM "Reservation" r JOIN "Showtime" s ON s.id = r."showtimeId"
        WHERE r.id = ${input.reservationId}::uuid FOR UPDATE OF r`;
      if (!row || (row.userId !== deps.user.id && deps.user.role !== "ADMIN")) {
        throw new AppError("NOT_FOUND", "No such reservation");
      }
      if (row.status !== "HELD" && row.status !== "CONFIRMED") {
        throw new AppError(
          "CONFLICT",
          `This reservation is already ${row.status.toLowerCase()} and cannot be cancelled`,
        );
      }
      if (now >= row.startsAt) {
        throw new AppError("CONFLICT", "The show has started; bookings can no longer be cancelled");
      }
      await tx.reservationSeat.updateMany({
        where: { reservationId: row.id },
        data: { live: false },
      });
      await tx.reservation.update({
        where: { id: row.id },
        data: { status: "CANCELLED", cancelledAt: now, holdExpiresAt: null },
      });
    }, BUSY_TRANSACTION),
  );
  return toReservationView(await readReservation(deps.db, input.reservationId), {
    now,
    timeZone: deps.config.timeZone,
  });
}
