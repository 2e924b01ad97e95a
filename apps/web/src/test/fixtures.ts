// Answers shared by component tests, typed with the API's outputs.
import type { Showtime } from "../api-types";
import type { OutputOf } from "./trpc-mock";

/** A cinema in Paris on the day before clocks go forward (2026-03-29). */
export const PARIS_INFO: OutputOf<"cinema.info"> = {
  timeZone: "Europe/Paris",
  currency: "EUR",
  today: "2026-03-28",
  now: "2026-03-28T10:00:00.000Z",
  holdMinutes: 10,
  maxSeatsPerBooking: 10,
  salesCutoffMinutes: 0,
  cleaningMinutes: 15,
};

type ShowtimeFields = Pick<
  Showtime,
  "id" | "movie" | "hall" | "startsAt" | "endsAt" | "busyUntil" | "localDate" | "localTime"
>;

/** A scheduled showtime with euro prices; tests give what they look at. */
export function aShowtime(fields: ShowtimeFields & Partial<Showtime>): Showtime {
  return {
    status: "SCHEDULED",
    cancelledReason: null,
    cancelledAt: null,
    prices: { STANDARD: 1200, PREMIUM: 1500, WHEELCHAIR: 1200, COMPANION: 1200 },
    currency: "EUR",
    capacity: 100,
    seatsAvailable: 100,
    ...fields,
  };
}
