// showtime.seatMap: every seat with its state for the viewer. Polled every few seconds by
// every viewer, so it is two indexed queries and no per-seat work in the database.
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { priceOf } from "./hold-seats";

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

export async function seatMap(
  deps: Pick<Context, "db" | "now" | "config" | "user">,
  input: { showtimeId: string },
): Promise<SeatMap> {
  const now = deps.now();
  const showtime = await deps.db.showtime.findUnique({
    where: { id: input.showtimeId },
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
  if (!showtime) throw new AppError("NOT_FOUND", "No such showtime");
  const [seats, live] = await Promise.all([
    deps.db.seat.findMany({
      where: { hallId: showtime.hallId },
      orderBy: [{ y: "asc" }, { x: "asc" }],
      select: { id: true, row: true, number: true, kind: true, x: true, y: true },
    }),
    deps.db.reservationSeat.findMany({
      where: { showtimeId: showtime.id, live: true },
      select: {
        seatId: true,
        reservation: { select: { userId: true, status: true, holdExpiresAt: true } },
      },
    }),
  ]);
  const userId = deps.user?.id;
  const stateOf = new Map<string, SeatState>();
  for (const { seatId, reservation: r } of live) {
    // An expired hold is free, whether or not anyone has swept it yet.
    if (r.status === "HELD" && (!r.holdExpiresAt || r.holdExpiresAt <= now)) continue;
    if (userId && r.userId === userId) stateOf.set(seatId, "MINE");
    else stateOf.set(seatId, r.status === "CONFIRMED" ? "SOLD" : "HELD");
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
  const cutoff = showtime.startsAt.getTime() - deps.config.salesCutoffMinutes * 60_000;
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
