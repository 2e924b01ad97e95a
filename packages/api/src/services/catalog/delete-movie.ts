// movie.delete: the film goes with its showtimes, unless live reservations hold it.
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { liveReservationWhere } from "../booking/lifecycle";
import { describeShowtime } from "./views";

type Deps = Pick<Context, "db" | "config" | "now">;

/**
 * Deletes a film with its showtimes. Refused (CONFLICT, naming the showtimes) while any of
 * them has a live reservation: HELD or CONFIRMED, past showtimes included, because a
 * confirmed booking of a past showtime is a sale the books must keep. Showtimes whose
 * reservations all ended (cancelled or expired) go with the film, those reservations too:
 * they were void, and keeping them would keep the film.
 */
export async function deleteMovie(deps: Deps, input: { id: string }): Promise<{ id: string }> {
  const { timeZone } = deps.config;
  const live = liveReservationWhere(deps.now());
  return deps.db.$transaction(async (tx) => {
    // Lock the film and its showtimes: no showtime can be scheduled for it, and no seat held
    // in them (reservations take a key-share lock on their showtime), until we are done.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Movie" WHERE id = ${input.id}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new AppError("NOT_FOUND", `No movie with id ${input.id}`);
    await tx.$queryRaw`
      SELECT id FROM "Showtime" WHERE "movieId" = ${input.id}::uuid ORDER BY id FOR UPDATE`;

    const blocking = await tx.showtime.findMany({
      where: {
        movieId: input.id,
        reservations: { some: live },
      },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        startsAt: true,
        endsAt: true,
        movie: { select: { title: true } },
        hall: { select: { name: true } },
        _count: { select: { reservations: { where: live } } },
      },
    });
    if (blocking.length > 0) {
      const shown = blocking
        .slice(0, 5)
        .map((s) => `${describeShowtime(s, timeZone)} in ${s.hall.name}`)
        .join("; ");
      const more = blocking.length > 5 ? ` and ${blocking.length - 5} more` : "";
      throw new AppError(
        "CONFLICT",
        `This movie cannot be deleted: ${blocking.length} of its showtimes have live ` +
          `reservations (${shown}${more}). Cancel those showtimes first; showtimes that have ` +
          "already taken place with confirmed bookings are kept.",
        {
          reason: "HAS_RESERVATIONS",
          showtimes: blocking.map((s) => ({
            id: s.id,
            title: s.movie.title,
            startsAt: s.startsAt.toISOString(),
            hall: s.hall.name,
            liveReservations: s._count.reservations,
          })),
        },
      );
    }
    // Reservations (and their seats) cascade from their showtime.
    await tx.showtime.deleteMany({ where: { movieId: input.id } });
    await tx.movie.delete({ where: { id: input.id } });
    return { id: input.id };
  });
}
