// What state a reservation is really in at an instant. A hold past its deadline is over
// whether or not the periodic sweep has marked it EXPIRED yet.
import { type ReservationStatus } from "./enums";

type Reservationish = { status: string; holdExpiresAt: Date | null };

/**
 * Whether a reservation keeps its seats at `now`: CONFIRMED always, HELD only before its
 * deadline (a HELD row without one keeps nothing). Matches the SQL that guards seats:
 * status = 'CONFIRMED' OR (status = 'HELD' AND "holdExpiresAt" > now).
 */
export function isLive(reservation: Reservationish, now: Date): boolean {
  if (reservation.status === "CONFIRMED") return true;
  return (
    reservation.status === "HELD" &&
    reservation.holdExpiresAt !== null &&
    reservation.holdExpiresAt.getTime() > now.getTime()
  );
}

/**
 * The status to show: HELD past its deadline reads EXPIRED. A HELD row without a deadline
 * still reads HELD (it never expires by the clock).
 */
export function effectiveStatus(
  reservation: { status: ReservationStatus; holdExpiresAt: Date | null },
  now: Date,
): ReservationStatus {
  const { status, holdExpiresAt } = reservation;
  if (status === "HELD" && holdExpiresAt && holdExpiresAt.getTime() <= now.getTime()) {
    return "EXPIRED";
  }
  return status;
}
