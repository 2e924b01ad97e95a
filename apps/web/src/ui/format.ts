// Formatting for money and cinema-local dates. Dates arrive as cinema-local "YYYY-MM-DD"
// strings from the API; they are formatted as calendar dates (UTC midnight, formatted in UTC)
// so the browser's own time zone can never shift them to another day.
import { utcMidnightOf } from "@marquee/domain";

/** One locale for the whole app, so labels (and tests) read the same everywhere. */
export const LOCALE = "en-GB";

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { style: "currency", currency });
    moneyFormats.set(currency, format);
  }
  return format;
}

/** Integer minor units (cents) and an ISO 4217 code, e.g. (1250, "EUR") -> "€12.50". */
export function formatMoney(minor: number, currency: string): string {
  const format = moneyFormat(currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** Midnight UTC of the date, formatted in UTC below; an invalid date stays invalid. */
const calendarDate = (localDate: string) => new Date(utcMidnightOf(localDate) ?? Number.NaN);

/** "2026-11-24" -> "Tue 24 Nov" (or with `long`: "Tuesday 24 November 2026"). */
export function formatLocalDate(localDate: string, style: "short" | "long" = "short"): string {
  const options: Intl.DateTimeFormatOptions =
    style === "long"
      ? { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }
      : { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" };
  return new Intl.DateTimeFormat(LOCALE, options).format(calendarDate(localDate));
}

/** Parts for a day picker: { weekday: "Tue", day: "24", month: "Nov" }. */
export function localDateParts(localDate: string): { weekday: string; day: string; month: string } {
  const date = calendarDate(localDate);
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: "UTC" }).format(date);
  return {
    weekday: part({ weekday: "short" }),
    day: part({ day: "numeric" }),
    month: part({ month: "short" }),
  };
}

/** 135 -> "2 h 15 min". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** ["A4", "A5", "A6"] -> "A4, A5 and A6". */
export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat(LOCALE, { style: "long", type: "conjunction" }).format(items);
}

/** Seconds -> "9:05". */
export function formatCountdown(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
