// The API's settings, read from the one configuration schema (@marquee/db's config.ts), so the
// host's values and defaultApiConfig come from the same definitions and defaults.
import { type Config } from "@marquee/db";
import type { ApiConfig } from "./context";

export function apiConfigFrom(config: Config): ApiConfig {
  return {
    timeZone: config.CINEMA_TIMEZONE,
    currency: config.CINEMA_CURRENCY,
    holdMinutes: config.HOLD_MINUTES,
    cleaningMinutes: config.CLEANING_MINUTES,
    maxSeatsPerBooking: config.MAX_SEATS_PER_BOOKING,
    maxSeatsPerShowtime: config.MAX_SEATS_PER_SHOWTIME,
    salesCutoffMinutes: config.SALES_CUTOFF_MINUTES,
    maxFailedLogins: config.AUTH_MAX_FAILED_LOGINS,
    maxRegistrations: config.AUTH_MAX_REGISTRATIONS,
    checkInOpensMinutes: config.CHECKIN_OPENS_MINUTES,
  };
}
