// showtime.seatMap: every seat with its state for the viewer. Polled every few seconds by
// every viewer, so it is two indexed queries and no per-seat work in the database.
import { computeSeatMap, type SeatMap } from "@marquee/domain";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { type CachedSeatMap } from "./seat-map-cache";
import { seatMapBytesFor, sharedSeatMap, type SeatMapBytes } from "./seat-map-bytes";
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
  const clock = { now, cutoffMinutes: deps.config.salesCutoffMinutes };
  if (personal) return computeSeatMap(cached, { ...clock, userId });
  // Everyone without seats of their own sees the same map: computed once, and again only
  // when the next hold expires or the entry is invalidated.
  return sharedSeatMap(cached, clock).map;
}

/**
 * showtime.seatMap's answer as bytes (what tRPC would send), made for a viewer once the host
 * knows who it is, so that an unknown showtime costs no session lookup; null when there is
 * no such showtime (tRPC then answers the error).
 */
export async function seatMapBytes(
  deps: Pick<Context, "db" | "now" | "config" | "seatMaps">,
  input: { showtimeId: string },
): Promise<((userId: string | undefined) => SeatMapBytes) | null> {
  const cached = await deps.seatMaps.get(input.showtimeId, () =>
    loadSeatMap(deps.db, input.showtimeId),
  );
  if (!cached) return null;
  const now = deps.now();
  const shared = sharedSeatMap(cached, { now, cutoffMinutes: deps.config.salesCutoffMinutes });
  return (userId) => seatMapBytesFor(cached, shared, { now, userId });
}

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
