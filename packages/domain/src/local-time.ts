// What a "day" is at the cinema: CINEMA_TIMEZONE decides, not UTC (nor the browser's zone).
// A local day is the half-open instant range [local midnight, next local midnight), 23 or 25
// hours long on daylight-saving changes.
//
// Written on Intl.DateTimeFormat alone, no date library: the web app bundles this module, and
// the server and the browser must agree to the minute.

import { addLocalDays, DAY, isoDateOf, utcMidnightOf } from "./calendar";

export { addLocalDays, isValidLocalDate, LOCAL_DATE_PATTERN, utcMidnightOf } from "./calendar";

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,3}))?)?$/;
const MINUTE = 60_000;

type WallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

const pad = (n: number) => String(n).padStart(2, "0");

/** Epoch milliseconds of a wall clock read as if it were UTC (years 0-99 included). */
function utcMsOf(w: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(w.year, w.month - 1, w.day);
  date.setUTCHours(w.hour, w.minute, w.second, 0);
  return date.getTime();
}

const dateOf = (w: WallClock) => isoDateOf(utcMsOf(w));

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for a zone Intl does not know. */
function wallClockFormat(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, format);
  }
  return format;
}

/** The wall clock in `zone` at an instant (epoch milliseconds). */
function wallClockAt(epochMs: number, zone: string): WallClock {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of wallClockFormat(zone).formatToParts(epochMs)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    // Some engines print midnight as 24 even with h23.
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of `zone` from UTC at an instant in milliseconds (+01:00 -> 3_600_000). */
function zoneOffsetMs(epochMs: number, zone: string): number {
  // Whole seconds only: Intl prints no milliseconds.
  const whole = Math.floor(epochMs / 1000) * 1000;
  return utcMsOf(wallClockAt(whole, zone)) - whole;
}

export function isValidTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    wallClockFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/** [start, end) of a local calendar day as UTC instants. */
export function localDayRange(date: string, zone: string): { start: Date; end: Date } {
  if (utcMidnightOf(date) === null) throw new RangeError(`${date} is not a valid YYYY-MM-DD date`);
  // Where midnight is skipped (e.g. America/Santiago in September), the day starts at the
  // first instant it has, and ends where the next day starts.
  return {
    start: localDateTime(date, "00:00", zone),
    end: localDateTime(addLocalDays(date, 1), "00:00", zone),
  };
}

/** The local calendar date (YYYY-MM-DD) of an instant; "" for an invalid instant or zone. */
export function localDateOf(instant: Date, zone: string): string {
  const w = safeWallClock(instant, zone);
  return w ? dateOf(w) : "";
}

/** The local wall-clock time (HH:mm) of an instant; "" for an invalid instant or zone. */
export function localTimeOf(instant: Date, zone: string): string {
  const w = safeWallClock(instant, zone);
  return w ? `${pad(w.hour)}:${pad(w.minute)}` : "";
}

function safeWallClock(instant: Date, zone: string): WallClock | null {
  if (Number.isNaN(instant.getTime()) || !isValidTimeZone(zone)) return null;
  return wallClockAt(instant.getTime(), zone);
}

/**
 * The instant of a local wall-clock time ("HH:mm", "HH:mm:ss" or "HH:mm:ss.SSS"). A time
 * skipped by DST moves forward by the gap; a time that happens twice (clocks going back)
 * means its first occurrence, in every season (Temporal's "compatible" disambiguation).
 */
export function localDateTime(date: string, time: string, zone: string): Date {
  const midnight = utcMidnightOf(date);
  const t = TIME.exec(time);
  if (midnight === null || !t || !isValidTimeZone(zone)) {
    throw new RangeError(`${date} ${time} is not a valid local time in ${zone}`);
  }
  // The wall-clock time read as if it were UTC; the zone's offset is what is left to find.
  const wallMs = midnight + ((Number(t[1]) * 60 + Number(t[2])) * 60 + Number(t[3] ?? 0)) * 1000;
  // Offsets a day either side bracket any transition near this wall-clock time.
  const before = zoneOffsetMs(wallMs - DAY, zone);
  const after = zoneOffsetMs(wallMs + DAY, zone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wallMs - offset)
    .filter((instant) => utcMsOf(wallClockAt(instant, zone)) === wallMs)
    .sort((a, b) => a - b);
  // No candidate: the time falls in a spring-forward gap; the earlier offset moves it forward.
  const instant = candidates[0] ?? wallMs - before;
  const ms = Number((t[4] ?? "0").padEnd(3, "0"));
  return new Date(instant + ms);
}

/**
 * An instant as ISO 8601 with the zone's offset, e.g. "2026-10-25T02:30:00+02:00": what the
 * admin sends, so the offset in force is visible in requests and logs.
 */
export function toZonedIsoString(instant: Date, zone: string): string {
  const epochMs = instant.getTime();
  const w = wallClockAt(epochMs, zone);
  const minutes = Math.round(zoneOffsetMs(epochMs, zone) / MINUTE);
  const sign = minutes < 0 ? "-" : "+";
  const offset = `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  return `${dateOf(w)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offset}`;
}

/**
 * Minutes from local midnight of `day` to the wall-clock time of an instant: 1_470 for 00:30
 * the next day. Wall-clock based, so a timeline's hour marks match the printed times.
 */
export function minutesIntoLocalDay(instant: Date, day: string, zone: string): number {
  const start = utcMidnightOf(day);
  if (start === null) throw new RangeError(`${day} is not a valid YYYY-MM-DD date`);
  // Wall-clock minutes since that midnight, read as if the zone were UTC.
  const wall = utcMsOf(wallClockAt(instant.getTime(), zone));
  return Math.floor((wall - start) / MINUTE);
}
