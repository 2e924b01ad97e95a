import { localDateOf } from "@marquee/domain";
import { type Context } from "../../context";

export type CinemaInfo = {
  /** IANA zone that defines the cinema's days (CINEMA_TIMEZONE). */
  timeZone: string;
  currency: string;
  /** Today's date in the cinema's zone, YYYY-MM-DD. */
  today: string;
  now: string;
  holdMinutes: number;
  maxSeatsPerBooking: number;
  salesCutoffMinutes: number;
  cleaningMinutes: number;
};

/** What a client needs to present dates, prices and rules the way the cinema sees them. */
export function cinemaInfo(deps: Pick<Context, "config" | "now">): CinemaInfo {
  const now = deps.now();
  const { timeZone, currency, holdMinutes, maxSeatsPerBooking, salesCutoffMinutes } = deps.config;
  return {
    timeZone,
    currency,
    today: localDateOf(now, timeZone),
    now: now.toISOString(),
    holdMinutes,
    maxSeatsPerBooking,
    salesCutoffMinutes,
    cleaningMinutes: deps.config.cleaningMinutes,
  };
}
