// showtime.overlaps: the admin form asks, while it is being filled in, whether a slot is free.
// The answer uses the very query the create/update path uses to name what is in the way
// (findOverlapping, the rule of the "Showtime_no_overlap" constraint); the constraint still
// decides on save, this only warns early.
import { localDateOf, localTimeOf } from "@marquee/domain";
import { type Context } from "../../context";
import * as rules from "./showtime-rules";

type Deps = Pick<Context, "db" | "config">;

export type OverlapCheckInput = {
  hallId: string;
  startsAt: Date;
  /** The film to schedule (its duration counts), or a duration in minutes for a film to be. */
  movieId?: string | undefined;
  durationMinutes?: number | undefined;
  /** The showtime being rescheduled: it does not stand in its own way. */
  excludeId?: string | undefined;
};

export type OverlapConflict = {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  busyUntil: string;
  /** Cinema-local date and start/end times (CINEMA_TIMEZONE). */
  localDate: string;
  localTime: string;
  localEndTime: string;
};

export type OverlapCheck = {
  free: boolean;
  hall: { id: string; name: string };
  startsAt: string;
  endsAt: string;
  busyUntil: string;
  cleaningMinutes: number;
  conflicts: OverlapConflict[];
};

export async function checkShowtimeOverlap(
  deps: Deps,
  input: OverlapCheckInput,
): Promise<OverlapCheck> {
  const [hall, durationMinutes] = await Promise.all([
    rules.findHall(deps.db, input.hallId),
    input.movieId !== undefined
      ? rules.findMovie(deps.db, input.movieId).then((m) => m.durationMinutes)
      : Promise.resolve(input.durationMinutes ?? 0),
  ]);
  const { timeZone, cleaningMinutes } = deps.config;
  const times = rules.timesFor(input.startsAt, durationMinutes, cleaningMinutes);
  const others = await rules.findOverlapping(deps.db, {
    hallId: hall.id,
    ...times,
    exceptId: input.excludeId,
  });
  return {
    free: others.length === 0,
    hall,
    startsAt: times.startsAt.toISOString(),
    endsAt: times.endsAt.toISOString(),
    busyUntil: times.busyUntil.toISOString(),
    cleaningMinutes,
    conflicts: others.map((s) => ({
      id: s.id,
      title: s.movie.title,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      busyUntil: s.busyUntil.toISOString(),
      localDate: localDateOf(s.startsAt, timeZone),
      localTime: localTimeOf(s.startsAt, timeZone),
      localEndTime: localTimeOf(s.endsAt, timeZone),
    })),
  };
}
