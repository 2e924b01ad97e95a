// showtime.cancel.
import { Prisma } from "@marquee/db";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { endReservations } from "../booking/lifecycle";
import { type ShowtimeView } from "./views";
import { lockShowtime, showtimeView } from "./showtime-rules";

type Deps = Pick<Context, "db" | "config" | "now">;

/**
 * Cancels a showtime and, in the same transaction, every live reservation of it: they
 * become CANCELLED and their seats stop being live, so the seats are free and the guests
 * see the showtime's cancellation reason.
 */
export async function cancelShowtime(
  deps: Deps,
  input: { id: string; reason: string },
): Promise<ShowtimeView & { cancelledReservations: number }> {
  const now = deps.now();
  const cancelledReservations = await deps.db.$transaction(async (tx) => {
    const current = await lockShowtime(tx, input.id);
    if (current.status === "CANCELLED") {
      throw new AppError("CONFLICT", "This showtime is already cancelled");
    }
    // Bookings of a showtime that took place are sales on record, not something to undo.
    if (current.endsAt.getTime() <= now.getTime()) {
      throw new AppError("CONFLICT", "This showtime has already taken place");
    }
    await tx.showtime.update({
      where: { id: current.id },
      data: { status: "CANCELLED", cancelledReason: input.reason, cancelledAt: now },
    });
    // Lapsed holds are recorded as expired, not cancelled: they were no booking.
    await endReservations(tx, Prisma.sql`r."showtimeId" = ${current.id}::uuid`, "EXPIRED", now);
    const ended = await endReservations(
      tx,
      Prisma.sql`r."showtimeId" = ${current.id}::uuid`,
      "CANCELLED",
      now,
    );
    return ended.length;
  });
  return { ...(await showtimeView(deps, input.id)), cancelledReservations };
}
