// showtime.list and showtime.byId.
import { type Prisma } from "@marquee/db";
import { localDayRange } from "@marquee/domain";
import { type Context } from "../../context";
import { showtimeView } from "./showtime-rules";
import { decodeCursor, instantKey, toPage, type Page } from "../pagination";
import { showtimeSelect, toShowtimeView, type ShowtimeView } from "./views";

type Deps = Pick<Context, "db" | "config" | "now">;

export async function getShowtime(deps: Deps, input: { id: string }): Promise<ShowtimeView> {
  return showtimeView(deps, input.id);
}

export async function listShowtimes(
  deps: Deps,
  input: {
    date?: string | undefined;
    movieId?: string | undefined;
    hallId?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    includeCancelled?: boolean | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<ShowtimeView>> {
  const where: Prisma.ShowtimeWhereInput[] = [];
  if (!input.includeCancelled) where.push({ status: "SCHEDULED" });
  if (input.movieId) where.push({ movieId: input.movieId });
  if (input.hallId) where.push({ hallId: input.hallId });
  if (input.date) {
    const day = localDayRange(input.date, deps.config.timeZone);
    where.push({ startsAt: { gte: day.start, lt: day.end } });
  }
  if (input.from) where.push({ startsAt: { gte: input.from } });
  if (input.to) where.push({ startsAt: { lt: input.to } });
  if (input.cursor) {
    const { key: at, id } = decodeCursor(input.cursor, instantKey);
    where.push({ OR: [{ startsAt: { gt: at } }, { startsAt: at, id: { gt: id } }] });
  }
  const rows = await deps.db.showtime.findMany({
    where: { AND: where },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: showtimeSelect(deps.now()),
  });
  return toPage(
    rows,
    input.limit,
    (s) => toShowtimeView(s, deps.config.timeZone),
    (s) => ({ key: s.startsAt.toISOString(), id: s.id }),
  );
}
