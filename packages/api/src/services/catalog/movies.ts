// The film catalogue. Genres arrive normalised from the router's schema.
import { Prisma } from "@marquee/db";
import { localDayRange } from "@marquee/domain";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { liveReservationWhere } from "../booking/lifecycle";
import { decodeCursor, toPage, type Page } from "../pagination";
import {
  describeShowtime,
  movieSelect,
  showtimeSelect,
  toMovieView,
  toShowtimeView,
  type MovieView,
  type ShowtimeView,
} from "./views";

type Deps = Pick<Context, "db" | "config" | "now">;

export type MovieFields = {
  title: string;
  description?: string | undefined;
  genres: string[];
  durationMinutes: number;
  rating?: string | null | undefined;
  posterUrl?: string | null | undefined;
  releaseDate?: string | null | undefined;
};

const UPCOMING_LIMIT = 200;

/** A YYYY-MM-DD release date as the DATE column wants it (UTC midnight). */
const toDateColumn = (date: string | null | undefined) =>
  date === undefined ? undefined : date === null ? null : new Date(`${date}T00:00:00.000Z`);

function movieData(input: Partial<MovieFields>) {
  return {
    title: input.title,
    description: input.description,
    genres: input.genres,
    durationMinutes: input.durationMinutes,
    rating: input.rating,
    posterUrl: input.posterUrl,
    releaseDate: toDateColumn(input.releaseDate),
  };
}

export async function listMovies(
  deps: Deps,
  input: {
    query?: string | undefined;
    genre?: string | undefined;
    date?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<MovieView>> {
  const where: Prisma.MovieWhereInput[] = [];
  if (input.query) where.push({ title: { contains: input.query, mode: "insensitive" } });
  if (input.genre) where.push({ genres: { has: input.genre } });
  if (input.date) {
    const day = localDayRange(input.date, deps.config.timeZone);
    where.push({
      showtimes: { some: { status: "SCHEDULED", startsAt: { gte: day.start, lt: day.end } } },
    });
  }
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    where.push({
      OR: [{ title: { gt: after.key } }, { title: after.key, id: { gt: after.id } }],
    });
  }
  const rows = await deps.db.movie.findMany({
    where: { AND: where },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: movieSelect,
  });
  return toPage(rows, input.limit, toMovieView, (m) => ({ key: m.title, id: m.id }));
}

export type MovieDetail = MovieView & { upcomingShowtimes: ShowtimeView[] };

export async function getMovie(deps: Deps, input: { id: string }): Promise<MovieDetail> {
  const movie = await deps.db.movie.findUnique({ where: { id: input.id }, select: movieSelect });
  if (!movie) throw new AppError("NOT_FOUND", `No movie with id ${input.id}`);
  const showtimes = await deps.db.showtime.findMany({
    where: { movieId: movie.id, status: "SCHEDULED", startsAt: { gt: deps.now() } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: UPCOMING_LIMIT,
    select: showtimeSelect(deps.now()),
  });
  return {
    ...toMovieView(movie),
    upcomingShowtimes: showtimes.map((s) => toShowtimeView(s, deps.config.timeZone)),
  };
}

export async function createMovie(deps: Deps, input: MovieFields): Promise<MovieView> {
  const movie = await deps.db.movie.create({
    data: {
      ...movieData(input),
      title: input.title,
      genres: input.genres,
      durationMinutes: input.durationMinutes,
    },
    select: movieSelect,
  });
  return toMovieView(movie);
}

/**
 * Changes a film's details. A new duration applies to showtimes scheduled from now on;
 * existing showtimes keep the end time they were sold with.
 */
export async function updateMovie(
  deps: Deps,
  input: Partial<MovieFields> & { id: string },
): Promise<MovieView> {
  const { id, ...changes } = input;
  try {
    const movie = await deps.db.movie.update({
      where: { id },
      data: movieData(changes),
      select: movieSelect,
    });
    return toMovieView(movie);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
      throw new AppError("NOT_FOUND", `No movie with id ${id}`);
    }
    throw error;
  }
}

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
