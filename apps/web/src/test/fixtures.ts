// Answers shared by component tests, typed with the API's outputs.
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
