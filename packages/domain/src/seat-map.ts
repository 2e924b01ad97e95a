// A showtime's seat map as one viewer sees it, computed from what the server caches per
// showtime (the showtime, its hall's seats, its live reserved seats). States depend on the
// clock (holds expire) and on the viewer (MINE), so they are derived per request.
import { type ShowtimeStatus } from "./enums";
import { type LayoutSeat } from "./layout";
import { priceOf, type ShowtimePrices } from "./pricing";
import { isLive } from "./reservation";
import { saleState, salesCloseAt, type SaleClock } from "./sales";

export type SeatState = "AVAILABLE" | "HELD" | "SOLD" | "MINE";

/** A seat as the database stores it: a layout seat with an id, its label derived. */
export type SeatMapInputSeat = Omit<LayoutSeat, "label"> & { id: string };

export type SeatMapSeat = SeatMapInputSeat & { label: string; price: number; state: SeatState };

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

/** What a seat map is computed from (and what the server caches per showtime). */
export type SeatMapInput = {
  showtime: ShowtimePrices & {
    id: string;
    hallId: string;
    status: ShowtimeStatus;
    startsAt: Date;
    currency: string;
  };
  /** In display order (y, then x). */
  seats: SeatMapInputSeat[];
  /** Reserved seats still flagged live; `status` is the reservation's, as SQL text. */
  live: { seatId: string; userId: string | null; status: string; holdExpiresAt: Date | null }[];
};

/** The map for a viewer (`userId`, if signed in) at `now`. */
export function computeSeatMap(
  input: SeatMapInput,
  { now, cutoffMinutes, userId }: SaleClock & { userId?: string | undefined },
): SeatMap {
  const { showtime, seats } = input;
  const stateOf = reservedSeatStates(input, { now, userId });
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
  return {
    showtimeId: showtime.id,
    currency: showtime.currency,
    onSale: saleState(showtime, { now, cutoffMinutes }) === "ON_SALE",
    seats: out,
    counts,
    width,
    height,
  };
}

/**
 * The state of every reserved seat for the viewer (`userId`, if signed in) at `now`; a seat
 * left out is AVAILABLE.
 */
export function reservedSeatStates(
  input: Pick<SeatMapInput, "live">,
  { now, userId }: { now: Date; userId?: string | undefined },
): Map<string, SeatState> {
  const stateOf = new Map<string, SeatState>();
  for (const r of input.live) {
    // An expired hold is free, whether or not anyone has swept it yet.
    if (r.status === "HELD" && !isLive(r, now)) continue;
    if (userId && r.userId === userId) stateOf.set(r.seatId, "MINE");
    else stateOf.set(r.seatId, r.status === "CONFIRMED" ? "SOLD" : "HELD");
  }
  return stateOf;
}

/**
 * When the map of a viewer without seats of their own changes by itself (epoch ms): the
 * next hold deadline or the close of sales, whichever comes first; Infinity when neither
 * is ahead. Until then a computed anonymous map can be reused.
 */
export function nextSeatMapChange(
  input: Pick<SeatMapInput, "showtime" | "live">,
  { now, cutoffMinutes }: SaleClock,
): number {
  let next = salesCloseAt(input.showtime.startsAt, cutoffMinutes).getTime();
  if (next <= now.getTime()) next = Number.POSITIVE_INFINITY;
  for (const r of input.live) {
    const at = r.holdExpiresAt?.getTime();
    if (r.status === "HELD" && at !== undefined && at > now.getTime() && at < next) next = at;
  }
  return next;
}
