// movie.list and movie.byId: the film catalogue, one page at a time.
import { type Prisma } from "@marquee/db";
import { localDayRange } from "@marquee/domain";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { decodeCursor, toPage, type Page } from "../pagination";
import { movieSearchSql } from "./search-sql";
import {
  movieSelect,
  showtimeSelect,
  toMovieView,
  toShowtimeView,
  type MovieView,
  type ShowtimeView,
} from "./views";

type Deps = Pick<Context, "db" | "config" | "now">;

const UPCOMING_LIMIT = 200;

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
  if (input.query) {
    const search = movieSearchSql(input.query);
    // A query of punctuation alone has no words: it matches nothing rather than everything.
    const ids = search ? (await deps.db.$queryRaw<{ id: string }[]>(search)).map((r) => r.id) : [];
    where.push({ id: { in: ids } });
  }
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
