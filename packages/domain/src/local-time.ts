// What a "day" is at the cinema: CINEMA_TIMEZONE decides, not UTC. A local day is the
// half-open instant range [local midnight, next local midnight), 23 or 25 hours long on
// daylight-saving changes.
import { DateTime, IANAZone } from "luxon";

export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export function isValidLocalDate(date: string): boolean {
  return LOCAL_DATE_PATTERN.test(date) && DateTime.fromISO(date, { zone: "UTC" }).isValid;
}

/** [start, end) of a local calendar day as UTC instants. */
export function localDayRange(date: string, zone: string): { start: Date; end: Date } {
  const day = DateTime.fromISO(date, { zone });
  if (!LOCAL_DATE_PATTERN.test(date) || !day.isValid) {
    throw new RangeError(`${date} is not a valid YYYY-MM-DD date`);
  }
  const start = day.startOf("day");
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() ?? "";
}

/** The local wall-clock time (HH:mm) of an instant, for messages and listings. */
export function localTimeOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("HH:mm");
}

/**
 * The instant of a local wall-clock time. A time skipped by DST moves forward; a time that
 * happens twice (clocks going back) means its first occurrence, whatever today's offset is.
 */
export function localDateTime(date: string, time: string, zone: string): Date {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dt.isValid) throw new RangeError(`${date} ${time} is not a valid local time`);
  const wall = dt.toFormat("yyyy-MM-dd'T'HH:mm:ss");
  const hourEarlier = dt.minus({ hours: 1 });
  return (hourEarlier.toFormat("yyyy-MM-dd'T'HH:mm:ss") === wall ? hourEarlier : dt).toJSDate();
}

/** Adds whole local days to a YYYY-MM-DD date. */
export function addLocalDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate() ?? date;
}
