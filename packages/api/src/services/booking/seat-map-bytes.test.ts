// The shared seat-map bytes and the per-viewer overlay are byte for byte what serialising
// the viewer's own map gives, whatever the viewer, the clock and the labels' characters.
import { computeSeatMap, type SeatMapInput } from "@marquee/domain";
import { describe, expect, it } from "vitest";
import {
  seatMapBytesFor,
  serialiseSeatMap,
  sharedSeatMap,
  trpcQueryAnswer,
} from "./seat-map-bytes";

const now = new Date("2030-03-29T17:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

function scene(): SeatMapInput {
  return {
    showtime: {
      id: "st",
      hallId: "h",
      status: "SCHEDULED",
      startsAt: minutes(120),
      currency: "EUR",
      priceStandard: 1200,
      pricePremium: 1500,
      priceWheelchair: 1000,
      priceCompanion: 0,
    },
    seats: [
      // Non-ASCII labels: byte offsets differ from character offsets after them.
      { id: "s1", row: "Ä", number: 1, kind: "STANDARD", x: 0, y: 0 },
      { id: "s2", row: "Ä", number: 2, kind: "STANDARD", x: 1, y: 0 },
      { id: "s3", row: "Ø", number: 1, kind: "PREMIUM", x: 0, y: 1 },
      { id: "s4", row: "Ø", number: 2, kind: "WHEELCHAIR", x: 1, y: 1 },
      { id: "s5", row: "C", number: 1, kind: "COMPANION", x: 0, y: 2 },
      { id: "s6", row: "C", number: 2, kind: "STANDARD", x: 1, y: 2 },
    ],
    live: [
      { seatId: "s1", userId: "ann", status: "CONFIRMED", holdExpiresAt: null },
      { seatId: "s2", userId: "bob", status: "HELD", holdExpiresAt: minutes(5) },
      { seatId: "s3", userId: "ann", status: "HELD", holdExpiresAt: minutes(2) },
      // Expired, not swept: free for everyone, its owner included.
      { seatId: "s4", userId: "cat", status: "HELD", holdExpiresAt: minutes(-1) },
      { seatId: "s6", userId: "bob", status: "CONFIRMED", holdExpiresAt: null },
    ],
  };
}

const expected = (input: SeatMapInput, at: Date, userId?: string) =>
  Buffer.from(trpcQueryAnswer(computeSeatMap(input, { now: at, cutoffMinutes: 0, userId })));

describe("seat-map bytes", () => {
  it("records where each state and the counts sit in the bytes", () => {
    const map = computeSeatMap(scene(), { now, cutoffMinutes: 0 });
    const { body, stateAt, countsAt } = serialiseSeatMap(map);
    expect(body.equals(expected(scene(), now))).toBe(true);
    for (const seat of map.seats) {
      const span = stateAt.get(seat.id);
      if (!span) throw new Error(`no span for ${seat.id}`);
      expect(body.subarray(span.offset, span.offset + span.length).toString()).toBe(seat.state);
    }
    expect(body.subarray(countsAt.offset, countsAt.offset + countsAt.length).toString()).toBe(
      JSON.stringify(map.counts),
    );
  });

  it("gives every viewer the bytes of their own map, overlaying only their seats", () => {
    const input = scene();
    const shared = sharedSeatMap(input, { now, cutoffMinutes: 0 });
    for (const userId of [undefined, "ann", "bob", "cat", "nobody"]) {
      const answer = seatMapBytesFor(input, shared, { now, userId });
      expect(answer.body.toString()).toBe(expected(input, now, userId).toString());
    }
    // Without seats of one's own: the very same buffer and tag as everyone.
    const anonymous = seatMapBytesFor(input, shared, { now });
    for (const userId of ["cat", "nobody"]) {
      const answer = seatMapBytesFor(input, shared, { now, userId });
      expect(answer.body).toBe(anonymous.body);
      expect(answer.etag).toBe(anonymous.etag);
    }
    const ann = seatMapBytesFor(input, shared, { now, userId: "ann" });
    const bob = seatMapBytesFor(input, shared, { now, userId: "bob" });
    expect(new Set([anonymous.etag, ann.etag, bob.etag]).size).toBe(3);
    expect(ann.body.toString()).toContain('"counts":{"AVAILABLE":2,"HELD":1,"SOLD":1,"MINE":2}');
  });

  it("is made again when a hold expires, with a new version", () => {
    const input = scene();
    const before = sharedSeatMap(input, { now, cutoffMinutes: 0 });
    expect(sharedSeatMap(input, { now: minutes(1), cutoffMinutes: 0 })).toBe(before);
    const after = sharedSeatMap(input, { now: minutes(3), cutoffMinutes: 0 }); // s3 expired
    expect(after.version).not.toBe(before.version);
    for (const userId of [undefined, "ann", "bob"]) {
      const answer = seatMapBytesFor(input, after, { now: minutes(3), userId });
      expect(answer.body.toString()).toBe(expected(input, minutes(3), userId).toString());
    }
  });

  it("gives equal maps equal versions (a reloaded cache entry keeps its tags)", () => {
    const a = sharedSeatMap(scene(), { now, cutoffMinutes: 0 });
    const b = sharedSeatMap(scene(), { now, cutoffMinutes: 0 });
    expect(b).not.toBe(a);
    expect(b.version).toBe(a.version);
  });
});
