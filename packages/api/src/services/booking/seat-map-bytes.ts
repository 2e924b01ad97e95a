// showtime.seatMap as ready-made bytes. Every viewer without seats of their own sees the same
// map, so its whole answer (tRPC's JSON envelope included) is serialised once per cached
// showtime and validity window (until the next hold expires or sales close) and shared. A
// viewer with seats of their own gets those bytes with an overlay: their seats' states and
// the counts replaced at offsets recorded while serialising, never a re-serialisation.
import { createHash } from "node:crypto";
import {
  computeSeatMap,
  nextSeatMapChange,
  reservedSeatStates,
  type SeatMap,
  type SeatState,
} from "@marquee/domain";
import { type CachedSeatMap } from "./seat-map-cache";

/** An answer: the body tRPC would send for the query, and its entity tag. */
export type SeatMapBytes = { body: Buffer; etag: string };

type Span = { offset: number; length: number };

/** The anonymous map of one cached entry, as a value and as the bytes of its answer. */
export type SharedSeatMap = {
  map: SeatMap;
  body: Buffer;
  /** Identifies the bytes (a digest of them): equal maps have equal versions everywhere. */
  version: string;
  /** Where each seat's state string sits in `body` (inside its quotes). */
  stateAt: Map<string, Span>;
  /** Where the counts object sits in `body`. */
  countsAt: Span;
  validUntil: number;
  cutoff: number;
};

type Clock = { now: Date; cutoffMinutes: number };

const memo = new WeakMap<CachedSeatMap, SharedSeatMap>();

/** The answer tRPC sends for a query returning `data` (no transformer). */
export function trpcQueryAnswer(data: unknown): string {
  return JSON.stringify({ result: { data } });
}

/**
 * The map everyone without seats of their own sees, computed and serialised once per cache
 * entry until it changes by itself (a hold expires, sales close).
 */
export function sharedSeatMap(cached: CachedSeatMap, clock: Clock): SharedSeatMap {
  const hit = memo.get(cached);
  if (hit && clock.now.getTime() < hit.validUntil && hit.cutoff === clock.cutoffMinutes) {
    return hit;
  }
  const shared = serialiseSeatMap(computeSeatMap(cached, clock));
  const entry = {
    ...shared,
    validUntil: nextSeatMapChange(cached, clock),
    cutoff: clock.cutoffMinutes,
  };
  memo.set(cached, entry);
  return entry;
}

/** The answer's bytes for `map`, with the byte spans of every seat's state and the counts. */
export function serialiseSeatMap(
  map: SeatMap,
): Pick<SharedSeatMap, "map" | "body" | "version" | "stateAt" | "countsAt"> {
  const json = trpcQueryAnswer(map);
  // Offsets are found in the serialised text itself (each seat's JSON appears in order), so
  // they hold whatever the key order; characters are turned into bytes as we go.
  let char = 0;
  let byte = 0;
  const toByte = (at: number) => {
    byte += Buffer.byteLength(json.slice(char, at));
    char = at;
    return byte;
  };
  const stateAt = new Map<string, Span>();
  for (const seat of map.seats) {
    const seatJson = JSON.stringify(seat);
    const start = json.indexOf(seatJson, char);
    const key = `"state":${JSON.stringify(seat.state)}`;
    const inSeat = seatJson.lastIndexOf(key);
    if (start < 0 || inSeat < 0) throw new Error(`seat ${seat.id} not found in its seat map`);
    const at = start + inSeat + '"state":"'.length;
    stateAt.set(seat.id, { offset: toByte(at), length: Buffer.byteLength(seat.state) });
  }
  const countsJson = JSON.stringify(map.counts);
  const countsStart = json.indexOf(`"counts":${countsJson}`, char);
  if (countsStart < 0) throw new Error("counts not found in the seat map");
  const countsAt = {
    offset: toByte(countsStart + '"counts":'.length),
    length: Buffer.byteLength(countsJson),
  };
  const body = Buffer.from(json);
  const version = createHash("sha1").update(body).digest("base64url").slice(0, 22);
  return { map, body, version, stateAt, countsAt };
}

/**
 * The answer for a viewer (`userId`, if signed in): the shared bytes, or, when some seats
 * look different to this viewer (theirs: MINE), a copy with those states and the counts
 * overlaid. Equal, byte for byte, to serialising `computeSeatMap` for the viewer.
 */
export function seatMapBytesFor(
  cached: CachedSeatMap,
  shared: SharedSeatMap,
  { now, userId }: { now: Date; userId?: string | undefined },
): SeatMapBytes {
  const changed: { span: Span; from: SeatState; to: SeatState }[] = [];
  if (userId !== undefined) {
    const own = reservedSeatStates(cached, { now, userId });
    const anonymous = reservedSeatStates(cached, { now });
    for (const [seatId, to] of own) {
      const from = anonymous.get(seatId) ?? "AVAILABLE";
      const span = shared.stateAt.get(seatId);
      // A reserved seat that is not in the hall's map is not drawn for anyone.
      if (span && to !== from) changed.push({ span, from, to });
    }
  }
  if (changed.length === 0) return { body: shared.body, etag: `W/"sm-${shared.version}"` };

  const counts = { ...shared.map.counts };
  for (const c of changed) {
    counts[c.from] -= 1;
    counts[c.to] += 1;
  }
  const patches = [
    ...changed.map((c) => ({ ...c.span, text: c.to })),
    { ...shared.countsAt, text: JSON.stringify(counts) },
  ].sort((a, b) => a.offset - b.offset);
  const parts: Buffer[] = [];
  let from = 0;
  for (const p of patches) {
    parts.push(shared.body.subarray(from, p.offset), Buffer.from(p.text));
    from = p.offset + p.length;
  }
  parts.push(shared.body.subarray(from));
  const viewer = createHash("sha1")
    .update(shared.version)
    .update(patches.map((p) => `${p.offset}:${p.text}`).join(","))
    .digest("base64url")
    .slice(0, 22);
  return { body: Buffer.concat(parts), etag: `W/"sm-${shared.version}-${viewer}"` };
}
