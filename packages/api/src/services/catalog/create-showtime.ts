// showtime.create: the overlap constraint decides; a clash names what is in the way.
import { type Context } from "../../context";
import { isShowtimeOverlap } from "../db-errors";
import { withRetry } from "../db-retry";
import { type ShowtimeView } from "./views";
import {
  priceColumns,
  timesFor,
  assertFuture,
  findMovie,
  findHall,
  overlapError,
  vanished,
  type PriceInput,
  showtimeView,
} from "./showtime-rules";

type Deps = Pick<Context, "db" | "config" | "now">;

export async function createShowtime(
  deps: Deps,
  input: { movieId: string; hallId: string; startsAt: Date; prices: PriceInput },
): Promise<ShowtimeView> {
  assertFuture(input.startsAt, deps.now());
  const [movie, hall] = await Promise.all([
    findMovie(deps.db, input.movieId),
    findHall(deps.db, input.hallId),
  ]);
  const times = timesFor(input.startsAt, movie.durationMinutes, deps.config.cleaningMinutes);
  let id: string;
  try {
    ({ id } = await withRetry(() =>
      deps.db.showtime.create({
        data: {
          movieId: movie.id,
          hallId: hall.id,
          ...times,
          ...priceColumns(input.prices),
          currency: deps.config.currency,
        },
        select: { id: true },
      }),
    ));
  } catch (error) {
    if (isShowtimeOverlap(error)) {
      throw await overlapError(deps, { hallId: hall.id, hallName: hall.name, ...times });
    }
    throw vanished(error);
  }
  return showtimeView(deps, id);
}
