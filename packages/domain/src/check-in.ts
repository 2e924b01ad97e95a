// Whether the door may admit a booking now: one rule for the API (which then admits with a
// conditional update, so the database decides between two doors) and the web app's wording.
import { localDateOf, localTimeOf } from "./local-time";
import { type ReservationStatus, type ShowtimeStatus } from "./enums";

export type CheckInFacts = {
  /** The stored status; a HELD row past its deadline counts as an expired hold. */
  status: ReservationStatus;
  holdExpiresAt: Date | null;
  checkedInAt: Date | null;
  showtime: { status: ShowtimeStatus; startsAt: Date; endsAt: Date };
};

export type CheckInRefusalReason =
  | { reason: "ALREADY_CHECKED_IN"; checkedInAt: string; localTime: string }
  | { reason: "BOOKING_CANCELLED" }
  | { reason: "SHOWTIME_CANCELLED" }
  | { reason: "NOT_CONFIRMED"; status: "HELD" | "EXPIRED" }
  | { reason: "OTHER_DAY"; startsAt: string; localDate: string }
  | { reason: "NOT_YET_OPEN"; startsAt: string; opensAt: string; localTime: string }
  | { reason: "SHOWTIME_ENDED"; endsAt: string };

const MINUTE = 60_000;

/** When the doors open for a showtime. */
export const checkInOpensAt = (startsAt: Date, opensMinutes: number): Date =>
  new Date(startsAt.getTime() - opensMinutes * MINUTE);

/** Null when the booking may be admitted now; otherwise why not. */
export function checkInRefusal(
  facts: CheckInFacts,
  options: { now: Date; opensMinutes: number; timeZone: string },
): CheckInRefusalReason | null {
  const { now, timeZone } = options;
  const { showtime } = facts;
  if (facts.checkedInAt) {
    return {
      reason: "ALREADY_CHECKED_IN",
      checkedInAt: facts.checkedInAt.toISOString(),
      localTime: localTimeOf(facts.checkedInAt, timeZone),
    };
  }
  if (showtime.status === "CANCELLED") return { reason: "SHOWTIME_CANCELLED" };
  if (facts.status === "CANCELLED") return { reason: "BOOKING_CANCELLED" };
  if (facts.status !== "CONFIRMED") {
    const lapsed =
      facts.status === "EXPIRED" || (facts.holdExpiresAt !== null && facts.holdExpiresAt <= now);
    return { reason: "NOT_CONFIRMED", status: lapsed ? "EXPIRED" : "HELD" };
  }
  if (showtime.endsAt <= now)
    return { reason: "SHOWTIME_ENDED", endsAt: showtime.endsAt.toISOString() };
  const opensAt = checkInOpensAt(showtime.startsAt, options.opensMinutes);
  if (now < opensAt) {
    const day = localDateOf(showtime.startsAt, timeZone);
    if (day !== localDateOf(now, timeZone)) {
      return { reason: "OTHER_DAY", startsAt: showtime.startsAt.toISOString(), localDate: day };
    }
    return {
      reason: "NOT_YET_OPEN",
      startsAt: showtime.startsAt.toISOString(),
      opensAt: opensAt.toISOString(),
      localTime: localTimeOf(opensAt, timeZone),
    };
  }
  return null;
}

/** What the door says when it refuses, in plain words. */
export function checkInRefusalMessage(refusal: CheckInRefusalReason): string {
  switch (refusal.reason) {
    case "ALREADY_CHECKED_IN":
      return `Already admitted at ${refusal.localTime}`;
    case "BOOKING_CANCELLED":
      return "This booking was cancelled";
    case "SHOWTIME_CANCELLED":
      return "This showtime was cancelled";
    case "NOT_CONFIRMED":
      return refusal.status === "HELD"
        ? "These seats are held but not paid for: no ticket"
        : "This hold expired unpaid: no ticket";
    case "OTHER_DAY":
      return `This ticket is for another day (${refusal.localDate})`;
    case "NOT_YET_OPEN":
      return `Too early: doors open at ${refusal.localTime}`;
    case "SHOWTIME_ENDED":
      return "This showtime has ended";
  }
}
