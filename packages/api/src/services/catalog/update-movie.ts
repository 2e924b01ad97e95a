// movie.update.
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { isRecordNotFound } from "../db-errors";
import { movieSelect, toMovieView, type MovieView } from "./views";
import { movieData, type MovieFields } from "./create-movie";

type Deps = Pick<Context, "db" | "config" | "now">;

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
    if (isRecordNotFound(error)) {
      throw new AppError("NOT_FOUND", `No movie with id ${id}`);
    }
    throw error;
  }
}
