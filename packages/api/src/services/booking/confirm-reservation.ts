// reservation.confirm: HELD -> CONFIRMED. A hold past its deadline is still honoured when
// every seat is still free; otherwise EXPIRED names the seats that were lost.
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../db-errors";
import { BUSY_TRANSACTION, withRetry } from "../db-retry";
import { assertOnSale, takenSeatLabels } from "./hold-seats";
import { readReservation } from "./read-reservation";
import { toReservationView, type ReservationView } from "./views";

type Deps = Pick<Context, "db" | "now" | "config"> & { user: SessionUser };

export async function confirmReservation(
  deps: Deps,
  input: { reservationId: string },
): Promise<ReservationView> {
  const now = deps.now();
  const view = (row: Parameters<typeof toReservationView>[0]) =>
    toReservationView(row, { now, timeZone: deps.config.timeZone });
  try {
    await withRetry(() =>
      deps.db.$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<
          {
            id: string;
            userId: string | null;
            status: string;
            showtimeId: string;
            showtimeStatus: string;
            startsAt: Date;
          }[]
        >`SELECT r.id, r."userId", r.status::text AS status, r."showtimeId",
                 s.status::text AS "showtimeStatus", s."startsAt"
          FROM "Reservation" r JOIN "Showtime" s ON s.id = r."showtimeId"
          WHERE r.id = ${input.reservationId}::uuid FOR UPDATE OF r`;
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
        if (row.status === "EXPIRED") {
          // Its seats were released; take them back if nobody else has.
          await tx.reservationSeat.updateMany({
            where: { reservationId: row.id },
            data: { live: true },
          });
        }
        await tx.$executeRaw`
          UPDATE "Reservation" SET status = 'CONFIRMED', "confirmedAt" = ${now},
            "holdExpiresAt" = NULL, "updatedAt" = ${now}
          WHERE id = ${row.id}::uuid`;
      }, BUSY_TRANSACTION),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const seats = await deps.db.reservationSeat.findMany({
      where: { reservationId: input.reservationId },
      select: { seatId: true, showtimeId: true },
    });
    const lost = await takenSeatLabels(deps.db, {
      showtimeId: seats[0]?.showtimeId ?? "",
      seatIds: seats.map((s) => s.seatId),
      exceptReservationId: input.reservationId,
      now,
    });
    throw new AppError(
      "EXPIRED",
      `Your hold expired and ${lost.join(", ")} ${lost.length === 1 ? "was" : "were"} taken meanwhile. Please choose seats again.`,
      { reason: "HOLD_EXPIRED", seats: lost },
    );
  }
  return view(await readReservation(deps.db, input.reservationId));
}
