// Cinema-local dates and times for the admin area. The cinema's zone (cinema.info), not the
// browser's, decides what "20:30 on 2026-03-29" means, so every conversion takes it
// explicitly. Plain Intl, no date library: the admin bundle stays small.

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

type WallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

/** The wall clock in `timeZone` at an instant (epoch milliseconds). */
function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormat(timeZone).formatToParts(new Date(epochMs))) {
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

const wallAsUtc = (w: WallClock) =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** Offset of `timeZone` from UTC at an instant, in milliseconds (+01:00 -> 3_600_000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  // Whole seconds only: Intl prints no milliseconds.
  const whole = Math.floor(epochMs / 1000) * 1000;
  return wallAsUtc(wallClockAt(whole, timeZone)) - whole;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

function offsetString(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The ISO instant (with the cinema's offset, e.g. "2026-03-29T20:30:00+02:00") of a local
 * date and wall-clock time in `timeZone`, correct across DST changes: a time that does not
 * exist (clocks jump forward) moves forward by the gap, like the domain's localDateTime, and
 * a time that happens twice (clocks go back) means its first occurrence, always (as
 * Temporal's "compatible" rule does; luxon's choice there depends on today's offset).
 */
export function toCinemaInstant(localDate: string, localTime: string, timeZone: string): string {
  const d = DATE.exec(localDate);
  const t = TIME.exec(localTime);
  if (!d || !t) throw new RangeError(`${localDate} ${localTime} is not a local date and time`);
  const wallMs = Date.UTC(
    Number(d[1]),
    Number(d[2]) - 1,
    Number(d[3]),
    Number(t[1]),
    Number(t[2]),
    Number(t[3] ?? 0),
  );
  // Offsets a day either side bracket any transition near this wall-clock time.
  const before = zoneOffsetMs(wallMs - 86_400_000, timeZone);
  const after = zoneOffsetMs(wallMs + 86_400_000, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wallMs - offset)
    .filter((instant) => wallAsUtc(wallClockAt(instant, timeZone)) === wallMs)
    .sort((a, b) => a - b);
  // No candidate: the time falls in a spring-forward gap; the earlier offset moves it forward.
  const instant = candidates[0] ?? wallMs - before;
  return formatInstant(instant, timeZone);
}

/** An instant as ISO 8601 in the cinema's zone, e.g. "2026-10-25T02:30:00+01:00". */
export function formatInstant(epochMs: number, timeZone: string): string {
  const w = wallClockAt(epochMs, timeZone);
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
    offsetString(zoneOffsetMs(epochMs, timeZone))
  );
}

/** The cinema-local date (YYYY-MM-DD) of an ISO instant. */
export function localDateOf(instant: string, timeZone: string): string {
  const w = wallClockAt(Date.parse(instant), timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The cinema-local wall-clock time (HH:mm) of an ISO instant. */
export function localTimeOf(instant: string, timeZone: string): string {
  const w = wallClockAt(Date.parse(instant), timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * Minutes from local midnight of `day` to the wall-clock time of an instant: 1_470 for 00:30
 * the next day. Wall-clock based, so a timeline's hour marks match the printed times.
 */
export function minutesIntoDay(instant: string, day: string, timeZone: string): number {
  const w = wallClockAt(Date.parse(instant), timeZone);
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  const days = Math.round((Date.parse(date) - Date.parse(day)) / 86_400_000);
  return days * 1440 + w.hour * 60 + w.minute;
}

/** Whole days added to a YYYY-MM-DD date (calendar arithmetic, no zone involved). */
export function addDays(localDate: string, days: number): string {
  const date = new Date(`${localDate}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function isLocalDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}
