// Live seat maps, one feed per process. The process's one database listener says which
// showtimes changed; for a watched one the feed reads the map back once, diffs it with the
// last and records the next version. Every viewer of it gets the same change pushed onto its
// queue (a write); a hold's deadline is a timer, not a sweep. Versions count per showtime in
// this process; an id from another process (or epoch) is answered with a full map.
import { randomBytes } from "node:crypto";
import { nextSeatMapChange } from "@marquee/domain";
import { type CachedSeatMap } from "./seat-map-cache";
import { fullMap, startFrom, type Channel } from "./seat-map-channel";
import {
  diffSlots,
  seatSlots,
  type FeedItem,
  type SeatMapChange,
  type SeatMapFeed,
  type SeatMapFeedOptions,
} from "./seat-map-state";
import { createViewerQueue, type ViewerQueue } from "./viewer-queue";

export type {
  FeedItem,
  FeedSubscriber,
  PublicSeatState,
  SeatMapChange,
  SeatMapFeed,
  SeatMapFeedOptions,
} from "./seat-map-state";

/** setTimeout's longest delay is about 24.8 days; a far deadline is looked at again later. */
const MAX_TIMER_MS = 60 * 60 * 1000;

export function createSeatMapFeed(options: SeatMapFeedOptions): SeatMapFeed {
  const now = options.now ?? (() => new Date());
  const ringSize = options.ringSize ?? 256;
  const maxQueue = options.maxQueue ?? 64;
  const lingerMs = options.lingerMs ?? 30_000;
  const minIntervalMs = options.minIntervalMs ?? 25;
  const channels = new Map<string, Channel>();
  const opening = new Map<string, Promise<Channel | null>>();
  // Showtimes whose first load was under way when a change was announced: read them again.
  const changedWhileOpening = new Set<string>();
  let closed = false;

  const schedule = (ch: Channel) => {
    clearTimeout(ch.timer);
    const at = nextSeatMapChange(ch.input, { now: ch.at, cutoffMinutes: options.cutoffMinutes });
    if (!Number.isFinite(at)) return;
    const delay = Math.min(Math.max(at - now().getTime(), 0), MAX_TIMER_MS);
    // A hold's deadline (or the close of sales) changes the map with no write to announce it.
    ch.timer = setTimeout(() => apply(ch, ch.input), delay + 1);
    ch.timer.unref();
  };

  const apply = (ch: Channel, input: CachedSeatMap | null) => {
    if (channels.get(ch.showtimeId) !== ch) return;
    if (!input) {
      for (const sub of ch.subs) sub.push({ kind: "gone" });
      drop(ch);
      return;
    }
    const at = now();
    const next = seatSlots(input, at, options.cutoffMinutes);
    const { seats, layoutChanged } = diffSlots(ch.slots, next.slots);
    ch.input = input;
    ch.at = at;
    ch.slots = next.slots;
    if (layoutChanged || seats.length > 0 || next.onSale !== ch.onSale) {
      ch.onSale = next.onSale;
      ch.version += 1;
      const change: SeatMapChange = { version: ch.version, at, onSale: next.onSale, seats };
      if (layoutChanged) ch.ring = [];
      else ch.ring.push(change);
      if (ch.ring.length > ringSize) ch.ring.shift();
      const item: FeedItem = layoutChanged ? { kind: "map" } : { kind: "change", change };
      for (const sub of ch.subs) sub.push(item);
    }
    schedule(ch);
  };

  const reload = (ch: Channel) => {
    if (ch.loading || ch.throttled) {
      ch.dirty = true;
      return;
    }
    // In a storm of changes one showtime is read (and its viewers written to) at most once
    // per minIntervalMs; a lone change goes out at once.
    const wait = ch.lastLoad + minIntervalMs - Date.now();
    if (wait > 0) {
      ch.throttled = setTimeout(() => {
        ch.throttled = undefined;
        if (channels.get(ch.showtimeId) === ch) reload(ch);
      }, wait);
      ch.throttled.unref();
      return;
    }
    ch.lastLoad = Date.now();
    ch.loading = true;
    ch.dirty = false;
    options
      .load(ch.showtimeId)
      .then(
        (input) => apply(ch, input),
        (error: unknown) => {
          options.onError?.(error);
          // The database is away for a moment: look again shortly.
          setTimeout(() => channels.get(ch.showtimeId) === ch && reload(ch), 1_000).unref();
        },
      )
      .finally(() => {
        ch.loading = false;
        if (ch.dirty && channels.get(ch.showtimeId) === ch) reload(ch);
      });
  };

  const drop = (ch: Channel) => {
    clearTimeout(ch.timer);
    clearTimeout(ch.idle);
    clearTimeout(ch.throttled);
    if (channels.get(ch.showtimeId) === ch) channels.delete(ch.showtimeId);
  };

  const channelFor = (showtimeId: string): Promise<Channel | null> => {
    const existing = channels.get(showtimeId);
    if (existing) return Promise.resolve(existing);
    const pending = opening.get(showtimeId);
    if (pending) return pending;
    const created = options.load(showtimeId).then((input) => {
      if (!input || closed) return null;
      const at = now();
      const first = seatSlots(input, at, options.cutoffMinutes);
      const ch: Channel = {
        showtimeId,
        epoch: randomBytes(6).toString("base64url"),
        version: 1,
        input,
        at,
        slots: first.slots,
        onSale: first.onSale,
        ring: [],
        subs: new Set(),
        loading: false,
        dirty: false,
        lastLoad: 0,
        throttled: undefined,
        timer: undefined,
        idle: undefined,
        anonymous: null,
      };
      channels.set(showtimeId, ch);
      schedule(ch);
      if (changedWhileOpening.delete(showtimeId)) reload(ch);
      return ch;
    });
    opening.set(showtimeId, created);
    void created.finally(() => opening.delete(showtimeId)).catch(() => undefined);
    return created;
  };

  return {
    notify(key) {
      const [kind, id] = key.split(":");
      if (kind === "showtime" && id && opening.has(id)) changedWhileOpening.add(id);
      if (kind !== "showtime")
        for (const openingId of opening.keys()) changedWhileOpening.add(openingId);
      if (key === "*") {
        for (const ch of channels.values()) reload(ch);
        return;
      }
      if (kind === "showtime" && id) {
        const ch = channels.get(id);
        if (ch) reload(ch);
      } else if (kind === "hall" && id) {
        for (const ch of channels.values()) if (ch.input.showtime.hallId === id) reload(ch);
      }
    },
    async open({ showtimeId, userId, lastEventId }, deliver) {
      const ch = await channelFor(showtimeId);
      if (!ch || closed) return null;
      clearTimeout(ch.idle);
      const initial = startFrom(ch, lastEventId);
      // With `deliver`, items are handed over as they happen (the first ones before this
      // returns): the caller writes them at once, no queue and no promise per item.
      const sub: ViewerQueue = deliver
        ? { push: deliver, next: () => Promise.resolve(null), close: () => undefined }
        : createViewerQueue(initial, maxQueue);
      ch.subs.add(sub);
      if (deliver) initial.forEach(deliver);
      return {
        epoch: ch.epoch,
        next: (signal) => sub.next(signal),
        map: () => ({
          version: ch.version,
          epoch: ch.epoch,
          at: ch.at,
          map: fullMap(ch, userId, options.cutoffMinutes),
        }),
        close() {
          sub.close();
          ch.subs.delete(sub);
          if (ch.subs.size === 0 && channels.get(showtimeId) === ch) {
            clearTimeout(ch.idle);
            ch.idle = setTimeout(() => ch.subs.size === 0 && drop(ch), lingerMs);
            ch.idle.unref();
          }
        },
      };
    },
    close() {
      closed = true;
      for (const ch of channels.values()) {
        for (const sub of ch.subs) sub.close();
        drop(ch);
      }
    },
    stats() {
      let viewers = 0;
      for (const ch of channels.values()) viewers += ch.subs.size;
      return { showtimes: channels.size, viewers };
    },
  };
}
