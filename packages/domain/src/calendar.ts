// Calendar dates as the cinema writes them ("YYYY-MM-DD"), no time zone involved. Apart
// from local-time.ts, and small, because the web app's first page steps through days and
// should not carry the zone arithmetic.

export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const DAY = 86_400_000;

/** Epoch milliseconds of UTC midnight on a YYYY-MM-DD date; null unless it is a real date. */
export function utcMidnightOf(date: string): number | null {
  if (!LOCAL_DATE_PATTERN.test(date)) return null;
  const ms = Date.parse(`${date}T00:00:00Z`);
  // Some engines roll 2026-02-30 over to March instead of refusing it: read it back.
  return !Number.isNaN(ms) && isoDateOf(ms) === date ? ms : null;
}

/** The UTC calendar date of an instant as ISO 8601 (+/-YYYYYY outside years 0000-9999). */
export function isoDateOf(epochMs: number): string {
  return new Date(epochMs).toISOString().split("T")[0] ?? "";
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isValidLocalDate(date: string): boolean {
  return utcMidnightOf(date) !== null;
}

/** Adds whole calendar days to a YYYY-MM-DD date (a fraction rounds down, as before). */
export function addLocalDays(date: string, days: number): string {
  const ms = utcMidnightOf(date);
  return ms === null ? date : isoDateOf(ms + Math.floor(days) * DAY);
}
