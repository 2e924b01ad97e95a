// The seat page's live seat map: showtime.seatMapChanges over SSE keeps the seatMap query's
// data current (the full map first, then changes applied in place), so the page reads one
// map whether it came from the stream or from polling. Polling is the fallback, only while
// the stream is not open (refused, unsupported, or reconnecting).
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useRef, useState } from "react";
import { type SeatMapData as SeatMap, type SeatMapEvent } from "../api-types";
import { useTRPC } from "../trpc";
import { formatList } from "../ui";

/** How often the map is polled while the stream is not open. */
export const FALLBACK_POLL_MS = 4_000;
/** After a refused or failed stream, when to try streaming again. */
const RETRY_STREAM_MS = 30_000;

/** A map with a change applied: seat states in place, counts and sale state recomputed. */
export function applyChanges(
  map: SeatMap,
  change: Extract<SeatMapEvent, { type: "changes" }>,
): SeatMap {
  const next = new Map(change.seats.map((s) => [s.id, s.state]));
  const seats = map.seats.map((seat) => {
    const state = next.get(seat.id);
    return state && state !== seat.state ? { ...seat, state } : seat;
  });
  const counts = { AVAILABLE: 0, HELD: 0, SOLD: 0, MINE: 0 };
  for (const seat of seats) counts[seat.state] += 1;
  return { ...map, seats, counts, onSale: change.onSale };
}

/** "C7 was just taken", "C7 and C8 were just taken", or a count when many went at once. */
export function takenAnnouncement(labels: string[]): string {
  if (labels.length === 0) return "";
  if (labels.length > 4) return `${labels.length} seats were just taken`;
  return `${formatList(labels)} ${labels.length === 1 ? "was" : "were"} just taken`;
}

export type LiveSeatMap = {
  /** True only while the stream is open. */
  live: boolean;
  /** How often to poll the seat map now: false while live. */
  pollInterval: number | false;
  /** The latest polite announcement for screen readers ("C7 was just taken"). */
  announcement: string;
};

export function useLiveSeatMap(showtimeId: string, options: { enabled: boolean }): LiveSeatMap {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [announcement, setAnnouncement] = useState("");
  const version = useRef(0);
  const queryKey = trpc.showtime.seatMap.queryKey({ showtimeId });

  const subscription = useSubscription(
    trpc.showtime.seatMapChanges.subscriptionOptions(
      { showtimeId },
      {
        enabled: options.enabled,
        onData: ({ data: event }) => {
          if (event.type === "map") {
            version.current = event.version;
            queryClient.setQueryData(queryKey, event.map);
            return;
          }
          // Resumed streams never repeat a change; a full map sent meanwhile may cover it.
          if (event.version <= version.current) return;
          version.current = event.version;
          const current = queryClient.getQueryData<SeatMap>(queryKey);
          if (!current) return;
          const before = new Map(current.seats.map((s) => [s.id, s]));
          const taken = event.seats
            .filter((s) => s.state === "HELD" || s.state === "SOLD")
            .filter((s) => before.get(s.id)?.state === "AVAILABLE")
            .map((s) => before.get(s.id)?.label ?? "");
          queryClient.setQueryData(queryKey, applyChanges(current, event));
          if (taken.length > 0) setAnnouncement(takenAnnouncement(taken));
        },
      },
    ),
  );

  // A refused stream (too many open, or no EventSource) is tried again later; meanwhile
  // the map is polled.
  const { status, reset } = subscription;
  useEffect(() => {
    if (status !== "error") return;
    const timer = setTimeout(reset, RETRY_STREAM_MS);
    return () => clearTimeout(timer);
  }, [status, reset]);

  const live = options.enabled && status === "pending";
  return { live, pollInterval: live ? false : FALLBACK_POLL_MS, announcement };
}
