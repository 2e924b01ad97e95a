// The pure half of the live seat-map feed: a showtime's seats as everyone sees them (with
// their owners, for the MINE overlay), the difference between two such states, and where a
// reconnecting viewer resumes.
import { computeSeatMap, isLive, type SeatMap } from "@marquee/domain";
import { type CachedSeatMap } from "./seat-map-cache";

/** A seat's state as everyone sees it; MINE is laid over it per viewer. */
export type PublicSeatState = "AVAILABLE" | "HELD" | "SOLD";
export type Slot = { state: PublicSeatState; owner: string | null };

/** One recorded difference: the seats whose state (or owner) changed, at one version. */
export type SeatMapChange = {
  version: number;
  at: Date;
  onSale: boolean;
  seats: { id: string; state: PublicSeatState; owner: string | null }[];
};

/** What a viewer's queue holds: a change to send, a full map to send, or the end. */
export type FeedItem =
  { kind: "change"; change: SeatMapChange } | { kind: "map" } | { kind: "gone" };

export type FeedSubscriber = {
  /** The next item, or null once `signal` aborts or the feed closes. */
  next(signal?: AbortSignal): Promise<FeedItem | null>;
  /** The full map at the channel's current version, as this viewer sees it. */
  map(): { version: number; epoch: string; at: Date; map: SeatMap };
  epoch: string;
  close(): void;
};

export type SeatMapFeed = {
  /** A payload from the `marquee_seatmap` listener, or '*' after the listener lost track. */
  notify(key: string): void;
  /**
   * Starts following a showtime; null when it does not exist. The first item is the full map,
   * or, for a known `lastEventId`, the changes after it. With `deliver`, every item is handed
   * to it synchronously as it happens (the first ones before this resolves) and `next` has
   * nothing: for a caller that writes each item out at once.
   */
  open(
    input: { showtimeId: string; userId: string | null; lastEventId?: string | undefined },
    deliver?: (item: FeedItem) => void,
  ): Promise<FeedSubscriber | null>;
  /** Ends every subscription (shutdown). */
  close(): void;
  stats(): { showtimes: number; viewers: number };
};

export type SeatMapFeedOptions = {
  load(showtimeId: string): Promise<CachedSeatMap | null>;
  now?: () => Date;
  cutoffMinutes: number;
  /** Changes kept per showtime for viewers that reconnect (default 256). */
  ringSize?: number;
  /** Items a slow viewer may have queued before it is sent one full map instead (default 64). */
  maxQueue?: number;
  /** How long a showtime nobody watches is kept for quick reconnects (default 30 s). */
  lingerMs?: number;
  /** Shortest time between two reads of one showtime; changes in between are merged (25 ms). */
  minIntervalMs?: number;
  onError?: (error: unknown) => void;
};

/** Every seat's public state and owner at `at` (liveness: the domain's `isLive`). */
export function seatSlots(input: CachedSeatMap, at: Date, cutoffMinutes: number) {
  const map = computeSeatMap(input, { now: at, cutoffMinutes });
  const owners = new Map<string, string>();
  for (const r of input.live) if (r.userId && isLive(r, at)) owners.set(r.seatId, r.userId);
  const slots = new Map<string, Slot>();
  for (const seat of map.seats) {
    slots.set(seat.id, {
      state: seat.state as PublicSeatState,
      owner: owners.get(seat.id) ?? null,
    });
  }
  return { slots, onSale: map.onSale };
}

/** Seats whose state or owner differs; `layoutChanged` when a seat left the hall. */
export function diffSlots(before: Map<string, Slot>, after: Map<string, Slot>) {
  const seats: SeatMapChange["seats"] = [];
  for (const [id, slot] of after) {
    const old = before.get(id);
    if (!old || old.state !== slot.state || old.owner !== slot.owner) seats.push({ id, ...slot });
  }
  const layoutChanged = [...before.keys()].some((id) => !after.has(id));
  return { seats, layoutChanged };
}

/**
 * Where a viewer reconnecting with `lastEventId` ('<epoch>.<version>') resumes: the kept
 * changes after it, nothing when it is current, or "map" when the id is unknown, from another
 * epoch (process or channel) or older than the kept changes.
 */
export function resumeFrom(
  channel: { epoch: string; version: number; ring: readonly SeatMapChange[] },
  lastEventId: string | undefined,
): SeatMapChange[] | "map" {
  const match = /^([\w-]+)\.(\d{1,15})$/.exec(lastEventId ?? "");
  const seen = Number(match?.[2]);
  if (!match || match[1] !== channel.epoch || seen > channel.version) {
    return "map";
  }
  if (seen === channel.version) return [];
  const oldest = channel.ring[0]?.version ?? channel.version + 1;
  if (seen < oldest - 1) return "map";
  return channel.ring.filter((c) => c.version > seen);
}
