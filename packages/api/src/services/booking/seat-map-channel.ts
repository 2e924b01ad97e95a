// One watched showtime in a process's live seat-map feed: its last state, its recent changes
// (for reconnects) and its viewers; and the full map a viewer starts from.
import { computeSeatMap, type SeatMap } from "@marquee/domain";
import { type CachedSeatMap } from "./seat-map-cache";
import { resumeFrom, type FeedItem, type SeatMapChange, type Slot } from "./seat-map-state";
import { type ViewerQueue } from "./viewer-queue";

export type Channel = {
  showtimeId: string;
  epoch: string;
  version: number;
  input: CachedSeatMap;
  at: Date;
  slots: Map<string, Slot>;
  onSale: boolean;
  ring: SeatMapChange[];
  /** Viewers: a queue each, or a callback a host writes from (see open's `deliver`). */
  subs: Set<Pick<ViewerQueue, "push" | "close">>;
  loading: boolean;
  dirty: boolean;
  lastLoad: number;
  throttled: NodeJS.Timeout | undefined;
  timer: NodeJS.Timeout | undefined;
  idle: NodeJS.Timeout | undefined;
  anonymous: { version: number; map: SeatMap } | null;
};

/** The full map at the channel's version as `userId` sees it (MINE for their own seats). */
export function fullMap(ch: Channel, userId: string | null, cutoffMinutes: number): SeatMap {
  const clock = { now: ch.at, cutoffMinutes };
  const personal = userId !== null && ch.input.live.some((r) => r.userId === userId);
  if (personal) return computeSeatMap(ch.input, { ...clock, userId });
  // Everyone without seats of their own shares one computed map per version.
  if (ch.anonymous?.version !== ch.version) {
    ch.anonymous = { version: ch.version, map: computeSeatMap(ch.input, clock) };
  }
  return ch.anonymous.map;
}

/** The item(s) a (re)connecting viewer starts with. */
export function startFrom(ch: Channel, lastEventId: string | undefined): FeedItem[] {
  const resumed = resumeFrom(ch, lastEventId);
  if (resumed === "map") return [{ kind: "map" }];
  return resumed.map((change) => ({ kind: "change", change }));
}
