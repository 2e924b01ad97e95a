// showtime.update.
import { type Prisma } from "@marquee/db";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { isShowtimeOverlap } from "../db-errors";
import { withRetry } from "../db-retry";
import { liveReservationWhere } from "../booking/lifecycle";
import { type ShowtimeView } from "./views";
import * as rules from "./showtime-rules";

type Deps = Pick<Context, "db" | "config" | "now">;

/**
 * Reschedules (start, film, hall) and/or reprices a showtime. Prices of existing
 * reservations never change: each ReservationSeat keeps the price it was held at. A film or
 * hall change is refused once guests have booked (their tickets name the film, their seats
 * belong to the hall); a new start time is fine, the overlap constraint permitting.
 */
export async function updateShowtime(
  deps: Deps,
  input: {
    id: string;
    movieId?: string | undefined;
    hallId?: string | undefined;
    startsAt?: Date | undefined;
    prices?: rules.PriceInput | undefined;
  },
): Promise<ShowtimeView> {
  const now = deps.now();
  // Where the showtime was being moved to, to name what is in the way if the constraint fires.
  const attempt: { slot: rules.Slot | null } = { slot: null };
  try {
    await withRetry(() =>
      deps.db.$transaction(async (tx) => {
        const current = await rules.lockShowtime(tx, input.id);
        if (current.status === "CANCELLED") {
          throw new AppError("CONFLICT", "This showtime is cancelled and can no longer be changed");
        }
        let schedule: Prisma.ShowtimeUncheckedUpdateInput = {};
        if (
          input.startsAt !== undefined ||
          input.movieId !== undefined ||
          input.hallId !== undefined
        ) {
          if (current.startsAt.getTime() <= now.getTime()) {
            throw new AppError("CONFLICT", "This showtime has already started; it cannot be moved");
          }
          const startsAt = input.startsAt ?? current.startsAt;
          rules.assertFuture(startsAt, now);
          const movieId = input.movieId ?? current.movieId;
          const hallId = input.hallId ?? current.hallId;
          const movieChanges = movieId !== current.movieId;
          const hallChanges = hallId !== current.hallId;
          const movie = movieChanges ? await rules.findMovie(tx, movieId) : current.movie;
          const hall = await rules.findHall(tx, hallId);
          if (movieChanges || hallChanges) {
            // Guests booked this film; reserved seats belong to the hall (composite foreign
            // key), and every reservation row, even an ended one, would have to move with it.
            const booked = await tx.reservation.count({
              where: {
                showtimeId: current.id,
                ...(hallChanges ? {} : liveReservationWhere(now)),
              },
            });
            if (booked > 0) {
              throw new AppError(
                "CONFLICT",
                `This showtime has reservations, so its ${hallChanges ? "hall" : "film"} ` +
                  "cannot change; cancel it and schedule a new one instead",
              );
            }
          }
          const times = rules.timesFor(
            startsAt,
            movie.durationMinutes,
            deps.config.cleaningMinutes,
          );
          attempt.slot = { hallId: hall.id, hallName: hall.name, ...times };
          schedule = { ...times, movieId, hallId };
        }
        await tx.showtime.update({
          where: { id: current.id },
          data: { ...schedule, ...(input.prices ? rules.priceColumns(input.prices) : {}) },
        });
      }),
    );
  } catch (error) {
    if (attempt.slot && isShowtimeOverlap(error)) {
      throw await rules.overlapError(deps, { ...attempt.slot, exceptId: input.id });
    }
    throw rules.vanished(error);
  }
  return rules.showtimeView(deps, input.id);
}
