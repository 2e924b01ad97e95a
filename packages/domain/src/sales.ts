// Whether tickets for a showtime can be bought: only while it is scheduled and until
// `cutoffMinutes` before it starts (CINEMA_SALES_CUTOFF_MINUTES).

export type SaleState = "ON_SALE" | "CANCELLED" | "CLOSED";

export type SaleClock = { now: Date; cutoffMinutes: number };

/** The instant ticket sales for a showtime stop. */
export function salesCloseAt(startsAt: Date, cutoffMinutes: number): Date {
  return new Date(startsAt.getTime() - cutoffMinutes * 60_000);
}

/** ON_SALE, CANCELLED (not SCHEDULED, whatever the time) or CLOSED (the cutoff has passed). */
export function saleState(
  showtime: { status: string; startsAt: Date },
  { now, cutoffMinutes }: SaleClock,
): SaleState {
  if (showtime.status !== "SCHEDULED") return "CANCELLED";
  if (now.getTime() >= salesCloseAt(showtime.startsAt, cutoffMinutes).getTime()) return "CLOSED";
  return "ON_SALE";
}
