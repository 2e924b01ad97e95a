// One lane per hall, hours across: each showtime is a block from its start to the end of
// its cleaning break (the break shaded), positioned by cinema-local wall-clock time.
import { type MouseEvent } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@marquee/api";
import { localTimeOf, minutesIntoLocalDay } from "@marquee/domain";
import { cx } from "../ui";

export type Showtime = inferRouterOutputs<AppRouter>["showtime"]["list"]["items"][number];
type HallRef = { id: string; name: string };

/** Narrowest an hour may get before the timeline scrolls sideways. */
const MIN_HOUR_PX = 56;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

export type TimelineProps = {
  day: string;
  timeZone: string;
  halls: readonly HallRef[];
  showtimes: readonly Showtime[];
  selectedId: string | null;
  onSelect: (showtime: Showtime) => void;
  /** A click on an empty part of a lane: that hall, at that time (rounded to 15 minutes). */
  onPickSlot?: (hallId: string, localTime: string) => void;
};

export function Timeline({
  day,
  timeZone,
  halls,
  showtimes,
  selectedId,
  onSelect,
  onPickSlot,
}: TimelineProps) {
  const placed = showtimes.map((s) => ({
    showtime: s,
    start: minutesIntoLocalDay(new Date(s.startsAt), day, timeZone),
    end: minutesIntoLocalDay(new Date(s.endsAt), day, timeZone),
    busy: minutesIntoLocalDay(new Date(s.busyUntil), day, timeZone),
  }));
  // From an hour before the first show (10:00 on an empty day) to midnight or the last
  // cleaning break, so a laptop sees the whole day without scrolling.
  const first = Math.min(10 * 60, ...placed.map((p) => Math.floor(p.start / 60) * 60 - 60));
  const last = Math.max(24 * 60, ...placed.map((p) => Math.ceil(p.busy / 60) * 60));
  const from = Math.max(0, first);
  const span = last - from;
  const hours = Array.from({ length: span / 60 }, (_, i) => from + i * 60);
  const x = (minute: number) => `${((minute - from) / span) * 100}%`;

  function pick(event: MouseEvent<HTMLDivElement>, hallId: string) {
    if (!onPickSlot || event.target !== event.currentTarget) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const minute = from + ((event.clientX - rect.left) / rect.width) * span;
    const rounded = Math.round(minute / 15) * 15;
    if (rounded < 24 * 60) onPickSlot(hallId, hhmm(rounded));
  }

  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-800 bg-zinc-950">
      <div className="relative" style={{ minWidth: hours.length * MIN_HOUR_PX + 128 }}>
        <div className="sticky top-0 flex border-b border-zinc-800 bg-zinc-950">
          <div className="sticky left-0 z-20 w-32 shrink-0 bg-zinc-950 px-3 py-2 text-xs text-zinc-400">
            Hall
          </div>
          <div className="relative h-8 flex-1" aria-hidden>
            {hours.map((h) => (
              <span
                key={h}
                className="absolute top-2 -translate-x-1/2 font-mono text-xs text-zinc-400 first:translate-x-0"
                style={{ left: x(h) }}
              >
                {hhmm(h)}
              </span>
            ))}
          </div>
        </div>
        <ul aria-label="Halls">
          {halls.map((hall) => {
            const lane = placed.filter((p) => p.showtime.hall.id === hall.id);
            return (
              <li key={hall.id} className="flex border-b border-zinc-900 last:border-b-0">
                <div className="sticky left-0 z-20 flex w-32 shrink-0 items-center bg-zinc-950 px-3 text-sm font-medium">
                  {hall.name}
                </div>
                <div
                  className="relative h-20 flex-1 cursor-copy"
                  style={{
                    backgroundImage:
                      "repeating-linear-gradient(to right, rgb(39 39 42) 0 1px, transparent 1px 100%)",
                    backgroundSize: `${100 / hours.length}% 100%`,
                  }}
                  onClick={(e) => pick(e, hall.id)}
                  title={onPickSlot ? "Click an empty slot to schedule here" : undefined}
                >
                  <ul aria-label={`Showtimes in ${hall.name}`} className="contents">
                    {lane.length === 0 && <li className="sr-only">Nothing scheduled</li>}
                    {lane.map(({ showtime: s, start, end, busy }) => {
                      const cancelled = s.status === "CANCELLED";
                      const total = Math.max(1, busy - start);
                      const cleaning = busy - end;
                      const label =
                        `${s.movie.title}, ${s.localTime}–${localTimeOf(new Date(s.endsAt), timeZone)}` +
                        (cancelled
                          ? ", cancelled"
                          : `, cleaning until ${localTimeOf(new Date(s.busyUntil), timeZone)}, ` +
                            `${s.seatsAvailable} of ${s.capacity} seats free`);
                      return (
                        <li key={s.id}>
                          <button
                            type="button"
                            onClick={() => onSelect(s)}
                            aria-pressed={selectedId === s.id}
                            className={cx(
                              "absolute top-2 bottom-2 flex overflow-hidden rounded-md border text-left text-xs",
                              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-300",
                              cancelled
                                ? "z-0 border-dashed border-zinc-600 bg-zinc-900 text-zinc-400"
                                : "z-10 border-amber-500/70 bg-amber-950 text-amber-50 hover:border-amber-300",
                              selectedId === s.id && "ring-2 ring-amber-300",
                            )}
                            style={{ left: x(start), width: `${(total / span) * 100}%` }}
                          >
                            {/* The name, read as one phrase; the drawing below says it visually. */}
                            <span className="sr-only">{label}</span>
                            <span
                              aria-hidden
                              className="min-w-0 flex-1 px-2 py-1"
                              style={{ flexBasis: `${((end - start) / total) * 100}%` }}
                            >
                              <span
                                className={cx(
                                  "block truncate font-semibold",
                                  cancelled && "line-through",
                                )}
                              >
                                {s.movie.title}
                              </span>
                              <span className="block truncate font-mono text-[0.7rem] opacity-80">
                                {s.localTime}–{localTimeOf(new Date(s.endsAt), timeZone)}
                                {cancelled && " · cancelled"}
                              </span>
                            </span>
                            {cleaning > 0 && (
                              <span
                                aria-hidden
                                title="Cleaning break"
                                className="shrink-0 border-l border-amber-500/40"
                                style={{
                                  flexBasis: `${(cleaning / total) * 100}%`,
                                  backgroundImage:
                                    "repeating-linear-gradient(135deg, rgb(120 113 108 / 0.45) 0 4px, transparent 4px 8px)",
                                }}
                              />
                            )}
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
