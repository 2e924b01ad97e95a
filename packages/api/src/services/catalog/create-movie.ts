// movie.create. Genres arrive normalised from the router's schema.
import { type Context } from "../../context";
import { movieSelect, toMovieView, type MovieView } from "./views";

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

/** A YYYY-MM-DD release date as the DATE column wants it (UTC midnight). */
const toDateColumn = (date: string | null | undefined) =>
  date === undefined ? undefined : date === null ? null : new Date(`${date}T00:00:00.000Z`);

export function movieData(input: Partial<MovieFields>) {
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
