// showtime.seatMap: every seat with its state for the viewer. Polled every few seconds by
// every viewer, so it is two indexed queries and no per-seat work in the database.
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { priceOf } from "./hold-seats";
import { type CachedSeatMap } from "./seat-map-cache";

export type SeatState = "AVAILABLE" | "HELD" | "SOLD" | "MINE";

export type SeatMapSeat = {
  id: string;
  row: string;
  number: number;
  label: string;
  kind: "STANDARD" | "PREMIUM" | "WHEELCHAIR" | "COMPANION";
  x: number;
  y: number;
  price: number;
  state: SeatState;
};

export type SeatMap = {
  showtimeId: string;
  currency: string;
  /** Whether seats can be held right now (scheduled, sales not closed). */
  onSale: boolean;
  seats: SeatMapSeat[];
  counts: Record<SeatState, number>;
  /** Grid size, for drawing. */
  width: number;
  height: number;
};

async function loadSeatMap(db: Context["db"], showtimeId: string): Promise<CachedSeatMap | null> {
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
  if (personal) return computeSeatMap(cached, now, deps.config.salesCutoffMinutes, userId);
  // Everyone without seats of their own sees the same map: compute it once, and again only
  // when the next hold expires or the entry is invalidated.
  const memo = anonymousMemo.get(cached);
  if (memo && now.getTime() < memo.validUntil && memo.cutoff === deps.config.salesCutoffMinutes) {
    return memo.map;
  }
  const map = computeSeatMap(cached, now, deps.config.salesCutoffMinutes, undefined);
  anonymousMemo.set(cached, {
    map,
    cutoff: deps.config.salesCutoffMinutes,
    validUntil: nextChange(cached, now, deps.config.salesCutoffMinutes),
  });
  return map;
}

const anonymousMemo = new WeakMap<
  CachedSeatMap,
  { map: SeatMap; validUntil: number; cutoff: number }
>();

/** When the anonymous map changes by itself: a hold expires or sales close. */
function nextChange(cached: CachedSeatMap, now: Date, cutoffMinutes: number): number {
  let next = cached.showtime.startsAt.getTime() - cutoffMinutes * 60_000;
  if (next <= now.getTime()) next = Number.POSITIVE_INFINITY;
  for (const r of cached.live) {
    const at = r.holdExpiresAt?.getTime();
    if (r.status === "HELD" && at !== undefined && at > now.getTime() && at < next) next = at;
  }
  return next;
}

function computeSeatMap(
  cached: CachedSeatMap,
  now: Date,
  cutoffMinutes: number,
  userId: string | undefined,
): SeatMap {
  const { showtime, seats, live } = cached;
  const stateOf = new Map<string, SeatState>();
  for (const r of live) {
    // An expired hold is free, whether or not anyone has swept it yet.
    if (r.status === "HELD" && (!r.holdExpiresAt || r.holdExpiresAt <= now)) continue;
    if (userId && r.userId === userId) stateOf.set(r.seatId, "MINE");
    else stateOf.set(r.seatId, r.status === "CONFIRMED" ? "SOLD" : "HELD");
  }
  const counts: Record<SeatState, number> = { AVAILABLE: 0, HELD: 0, SOLD: 0, MINE: 0 };
  let width = 0;
  let height = 0;
  const out = seats.map((seat) => {
    const state = stateOf.get(seat.id) ?? "AVAILABLE";
    counts[state] += 1;
    width = Math.max(width, seat.x + 1);
    height = Math.max(height, seat.y + 1);
    return {
      ...seat,
      label: `${seat.row}${seat.number}`,
      price: priceOf(seat.kind, showtime),
      state,
    };
  });
  const cutoff = showtime.startsAt.getTime() - cutoffMinutes * 60_000;
  return {
    showtimeId: showtime.id,
    currency: showtime.currency,
    onSale: showtime.status === "SCHEDULED" && now.getTime() < cutoff,
    seats: out,
    counts,
    width,
    height,
  };
}
