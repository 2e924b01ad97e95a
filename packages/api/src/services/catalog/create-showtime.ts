// showtime.create: the overlap constraint decides; a clash names what is in the way.
import { type Context } from "../../context";
import { isShowtimeOverlap } from "../db-errors";
import { withRetry } from "../db-retry";
import { type ShowtimeView } from "./views";
import * as rules from "./showtime-rules";

type Deps = Pick<Context, "db" | "config" | "now">;

export async function createShowtime(
  deps: Deps,
  input: { movieId: string; hallId: string; startsAt: Date; prices: rules.PriceInput },
): Promise<ShowtimeView> {
  rules.assertFuture(input.startsAt, deps.now());
  const [movie, hall] = await Promise.all([
    rules.findMovie(deps.db, input.movieId),
    rules.findHall(deps.db, input.hallId),
  ]);
  const times = rules.timesFor(input.startsAt, movie.durationMinutes, deps.config.cleaningMinutes);
  let id: string;
  try {
    ({ id } = await withRetry(() =>
      deps.db.showtime.create({
        data: {
          movieId: movie.id,
          hallId: hall.id,
          ...times,
          ...rules.priceColumns(input.prices),
          currency: deps.config.currency,
        },
        select: { id: true },
      }),
    ));
  } catch (error) {
    if (isShowtimeOverlap(error)) {
      throw await rules.overlapError(deps, { hallId: hall.id, hallName: hall.name, ...times });
    }
    throw rules.vanished(error);
  }
  return rules.showtimeView(deps, id);
}
