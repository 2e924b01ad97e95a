// showtime.seatMap: every seat with its state for the viewer. Polled every few seconds by
// every viewer, so it is two indexed queries and no per-seat work in the database.
import { computeSeatMap, nextSeatMapChange, type SeatMap } from "@marquee/domain";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { type CachedSeatMap } from "./seat-map-cache";
import { createSeatMapFeed, type SeatMapFeed, type SeatMapFeedOptions } from "./seat-map-feed";

export type { SeatMap, SeatMapSeat, SeatState } from "@marquee/domain";

export async function loadSeatMap(
  db: Context["db"],
  showtimeId: string,
): Promise<CachedSeatMap | null> {
  const showtime = await db.showtime.findUnique({
    where: { id: showtimeId },
    select: {
      id: true,
      hallId: true,
      status: true,
      startsAt: true,
      currency: true,
      priceStandard: true,
      pricePremium: true,
      priceWheelchair: true,
      priceCompanion: true,
    },
  });
  if (!showtime) return null;
  const [seats, live] = await Promise.all([
    db.seat.findMany({
      where: { hallId: showtime.hallId },
      orderBy: [{ y: "asc" }, { x: "asc" }],
      select: { id: true, row: true, number: true, kind: true, x: true, y: true },
    }),
    db.$queryRaw<CachedSeatMap["live"]>`
      SELECT rs."seatId", r."userId", r.status::text AS status, r."holdExpiresAt"
      FROM "ReservationSeat" rs JOIN "Reservation" r ON r.id = rs."reservationId"
      WHERE rs."showtimeId" = ${showtime.id}::uuid AND rs.live`,
  ]);
  return { showtime, seats, live };
}

export async function seatMap(
  deps: Pick<Context, "db" | "now" | "config" | "user" | "seatMaps">,
  input: { showtimeId: string },
): Promise<SeatMap> {
  const now = deps.now();
  const cached = await deps.seatMaps.get(input.showtimeId, () =>
    loadSeatMap(deps.db, input.showtimeId),
  );
  if (!cached) throw new AppError("NOT_FOUND", "No such showtime");
  const userId = deps.user?.id;
  const personal = userId !== undefined && cached.live.some((r) => r.userId === userId);
  if (personal)
    return computeSeatMap(cached, { now, cutoffMinutes: deps.config.salesCutoffMinutes, userId });
  // Everyone without seats of their own sees the same map: compute it once, and again only
  // when the next hold expires or the entry is invalidated.
  const memo = anonymousMemo.get(cached);
  if (memo && now.getTime() < memo.validUntil && memo.cutoff === deps.config.salesCutoffMinutes) {
    return memo.map;
  }
  const clock = { now, cutoffMinutes: deps.config.salesCutoffMinutes };
  const map = computeSeatMap(cached, clock);
  anonymousMemo.set(cached, {
    map,
    cutoff: deps.config.salesCutoffMinutes,
    validUntil: nextSeatMapChange(cached, clock),
  });
  return map;
}

const anonymousMemo = new WeakMap<
  CachedSeatMap,
  { map: SeatMap; validUntil: number; cutoff: number }
>();

/** The process's live seat-map feed, reading maps from `db` (the host feeds it notifications). */
export function createLiveSeatMaps(
  deps: Pick<Context, "db"> & { config: Pick<Context["config"], "salesCutoffMinutes"> },
  options: Omit<SeatMapFeedOptions, "load" | "cutoffMinutes"> = {},
): SeatMapFeed {
  return createSeatMapFeed({
    ...options,
    load: (showtimeId) => loadSeatMap(deps.db, showtimeId),
    cutoffMinutes: deps.config.salesCutoffMinutes,
  });
}
