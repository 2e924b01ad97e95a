// showtime.delete.
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { lockShowtime } from "./showtime-rules";

type Deps = Pick<Context, "db" | "config" | "now">;

/** Deletes a showtime that never had a reservation; one that did must be cancelled. */
export async function deleteShowtime(deps: Deps, input: { id: string }): Promise<{ id: string }> {
  return deps.db.$transaction(async (tx) => {
    const current = await lockShowtime(tx, input.id);
    const reservations = await tx.reservation.count({ where: { showtimeId: current.id } });
    if (reservations > 0) {
      throw new AppError(
        "CONFLICT",
        `This showtime has ${reservations} reservation(s) on record and cannot be deleted; ` +
          "cancel it instead",
        { reason: "HAS_RESERVATIONS", showtimes: [], reservations },
      );
    }
    await tx.showtime.delete({ where: { id: current.id } });
    return { id: current.id };
  });
}
