// showtime.seatMapChanges written by the host straight to the HTTP response: the very events,
// ids and SSE framing tRPC's stream producer writes (so httpSubscriptionLink reads them
// unchanged), but each event is serialised once per change for every viewer who sees it the
// same way (all but those whose own seats are in it: MINE), and a change costs each viewer one
// write: no stream pipeline, queue, promise or timer per viewer per event.
import { type SeatMap } from "@marquee/domain";
import { forViewer, mapEvent, type SeatMapEvent } from "./seat-map-changes";
import { type FeedItem, type FeedSubscriber, type SeatMapFeed } from "./seat-map-feed";

/** One SSE event framed as tRPC's sseStreamProducer frames it (fields, then "\n\n"). */
export function sseFrame(fields: { event?: string; data: string; id?: string }): string {
  let out = fields.event === undefined ? "" : `event: ${fields.event}\n`;
  out += `data: ${fields.data}\n`;
  if (fields.id !== undefined) out += `id: ${fields.id}\n`;
  return `${out}\n\n`;
}

// Frames by the event object: the event everyone but the owners of its seats gets is one shared
// object per change (forViewer), so its frame is too; a personal (MINE) one is framed once.
const changeFrames = new WeakMap<SeatMapEvent, Buffer>();
// The map of viewers without seats is shared per version; its frame also depends on the time
// it was read. A personal map is a new object, framed for its one viewer.
const mapFrames = new WeakMap<SeatMap, { id: string; at: number; frame: Buffer }>();

export type SeatMapSseOut = {
  write(frame: Buffer): void;
  /** The showtime is gone: end the response (the client's reconnect is told NOT_FOUND). */
  end(): void;
};

export type SeatMapSseViewer = {
  /** Writes what has happened since open, then every event as it happens, to `out`. */
  start(out: SeatMapSseOut): void;
  close(): void;
};

/** Starts following a showtime for a viewer (`userId`: null when signed out); null: no such one. */
export async function openSeatMapSse(
  feed: SeatMapFeed,
  input: { showtimeId: string; userId: string | null; lastEventId?: string | undefined },
): Promise<SeatMapSseViewer | null> {
  let out: SeatMapSseOut | null = null;
  let pending: FeedItem[] = [];
  let sent = 0;
  let closed = false;
  let sub: FeedSubscriber | null = null;
  function write(to: SeatMapSseOut, item: FeedItem) {
    if (closed || !sub) return;
    if (item.kind === "gone") {
      to.end();
      return;
    }
    if (item.kind === "map") {
      const full = sub.map();
      sent = full.version;
      const id = `${full.epoch}.${full.version}`;
      let cached = mapFrames.get(full.map);
      if (cached?.id !== id || cached.at !== full.at.getTime()) {
        const data = JSON.stringify(mapEvent(full));
        cached = { id, at: full.at.getTime(), frame: Buffer.from(sseFrame({ data, id })) };
        mapFrames.set(full.map, cached);
      }
      to.write(cached.frame);
    } else if (item.change.version > sent) {
      // Changes already folded into a full map sent before them are skipped.
      sent = item.change.version;
      const event = forViewer(item.change, input.userId);
      let frame = changeFrames.get(event);
      if (!frame) {
        const data = JSON.stringify(event);
        frame = Buffer.from(sseFrame({ data, id: `${sub.epoch}.${sent}` }));
        changeFrames.set(event, frame);
      }
      to.write(frame);
    }
  }
  // The first items come before open resolves: kept until the host has sent its headers.
  sub = await feed.open(input, (item) => {
    if (out) write(out, item);
    else pending.push(item);
  });
  if (!sub) return null;
  const opened = sub;
  return {
    start(to) {
      out = to;
      const first = pending;
      pending = [];
      for (const item of first) write(to, item);
    },
    close() {
      closed = true;
      opened.close();
    },
  };
}
