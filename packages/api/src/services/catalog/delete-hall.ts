// hall.delete.
import { type Context } from "../../context";
import { liveReservationWhere } from "../booking/lifecycle";
import { lockHall, blockingSelect, conflictWithShowtimes } from "./hall-rules";

type Deps = Pick<Context, "db" | "config" | "now">;

/**
 * Deletes a hall with its seats. Refused while it has showtimes that are not over; its
 * past and cancelled showtimes go with it only when none holds a live (held or confirmed)
 * reservation, the same rule as deleting a movie.
 */
export async function deleteHall(deps: Deps, input: { id: string }): Promise<{ id: string }> {
  const now = deps.now();
  const { timeZone } = deps.config;
  return deps.db.$transaction(async (tx) => {
    await lockHall(tx, input.id);
    await tx.$queryRaw`
      SELECT id FROM "Showtime" WHERE "hallId" = ${input.id}::uuid ORDER BY id FOR UPDATE`;
    const upcoming = await tx.showtime.findMany({
      where: { hallId: input.id, status: "SCHEDULED", endsAt: { gt: now } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: blockingSelect,
    });
    if (upcoming.length > 0) {
      throw conflictWithShowtimes(
        `This hall has ${upcoming.length} upcoming showtime(s); cancel or move them first`,
        upcoming,
        timeZone,
      );
    }
    const booked = await tx.showtime.findMany({
      where: {
        hallId: input.id,
        reservations: { some: liveReservationWhere(now) },
      },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: blockingSelect,
    });
    if (booked.length > 0) {
      throw conflictWithShowtimes(
        "This hall's past showtimes have confirmed bookings, which are kept for the books",
        booked,
        timeZone,
      );
    }
    await tx.showtime.deleteMany({ where: { hallId: input.id } });
    await tx.hall.delete({ where: { id: input.id } });
    return { id: input.id };
  });
}
