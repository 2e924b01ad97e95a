// The one message the schedule form shows when a hall is busy at the chosen time, built from
// either the live check (showtime.overlaps) or a refused save (SCHEDULE_CONFLICT details):
// each showtime in the way once, its times and date in the cinema's zone, never raw ISO.
import { localDateOf, localTimeOf } from "@marquee/domain";
import { formatLocalDate } from "../ui";

export type InTheWay = { id: string; title: string; startsAt: string; busyUntil?: string };

export type OverlapLine = { id: string; localDate: string; text: string };

export function overlapHeading(hallName: string | undefined, cleaningMinutes: number): string {
  return (
    `${hallName ?? "The hall"} is not free then ` +
    `(each showtime is followed by a ${cleaningMinutes}-minute cleaning break).`
  );
}

/** “Paper Tigers” 18:00–19:55 (cleaning included), Sat 21 Mar — one line per showtime. */
export function overlapLines(showtimes: readonly InTheWay[], timeZone: string): OverlapLine[] {
  const seen = new Set<string>();
  const lines: OverlapLine[] = [];
  for (const s of showtimes) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const start = new Date(s.startsAt);
    const localDate = localDateOf(start, timeZone);
    const until = s.busyUntil
      ? `–${localTimeOf(new Date(s.busyUntil), timeZone)} (cleaning included)`
      : "";
    lines.push({
      id: s.id,
      localDate,
      text: `“${s.title}” ${localTimeOf(start, timeZone)}${until}, ${formatLocalDate(localDate)}`,
    });
  }
  return lines;
}
