import { describe, expect, it } from "vitest";
import { computeSeatMap, nextSeatMapChange, type SeatMapInput } from "./seat-map";

const now = new Date("2026-03-29T17:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

const input: SeatMapInput = {
  showtime: {
    id: "st",
    hallId: "h",
    status: "SCHEDULED",
    startsAt: minutes(60),
    currency: "EUR",
    priceStandard: 1200,
    pricePremium: 1500,
    priceWheelchair: 1000,
    priceCompanion: 0,
  },
  seats: [
    { id: "a1", row: "A", number: 1, kind: "STANDARD", x: 0, y: 0 },
    { id: "a2", row: "A", number: 2, kind: "STANDARD", x: 2, y: 0 },
    { id: "b1", row: "B", number: 1, kind: "PREMIUM", x: 0, y: 1 },
    { id: "b2", row: "B", number: 2, kind: "WHEELCHAIR", x: 1, y: 1 },
    { id: "c1", row: "C", number: 1, kind: "COMPANION", x: 1, y: 2 },
  ],
  live: [
    { seatId: "a1", userId: "ann", status: "CONFIRMED", holdExpiresAt: null },
    { seatId: "a2", userId: "bob", status: "HELD", holdExpiresAt: minutes(5) },
    // Past its deadline, not swept yet: free.
    { seatId: "b1", userId: "bob", status: "HELD", holdExpiresAt: minutes(-1) },
    { seatId: "b2", userId: "cat", status: "HELD", holdExpiresAt: minutes(2) },
  ],
};

describe("seat maps", () => {
  it("shows sold, held and free seats with their prices to an anonymous viewer", () => {
    const map = computeSeatMap(input, { now, cutoffMinutes: 0 });
    expect(map.seats.map((s) => [s.label, s.state, s.price])).toEqual([
      ["A1", "SOLD", 1200],
      ["A2", "HELD", 1200],
      ["B1", "AVAILABLE", 1500],
      ["B2", "HELD", 1000],
      ["C1", "AVAILABLE", 0],
    ]);
    expect(map.counts).toEqual({ AVAILABLE: 2, HELD: 2, SOLD: 1, MINE: 0 });
    expect([map.width, map.height]).toEqual([3, 3]);
    expect(map).toMatchObject({ showtimeId: "st", currency: "EUR", onSale: true });
    expect(map.seats[0]).toEqual({
      id: "a1",
      row: "A",
      number: 1,
      label: "A1",
      kind: "STANDARD",
      x: 0,
      y: 0,
      price: 1200,
      state: "SOLD",
    });
  });

  it("marks the viewer's own live seats MINE, bought or held", () => {
    const forAnn = computeSeatMap(input, { now, cutoffMinutes: 0, userId: "ann" });
    expect(forAnn.seats.find((s) => s.id === "a1")?.state).toBe("MINE");
    const forBob = computeSeatMap(input, { now, cutoffMinutes: 0, userId: "bob" });
    expect(forBob.counts).toEqual({ AVAILABLE: 2, HELD: 1, SOLD: 1, MINE: 1 });
    expect(forBob.seats.find((s) => s.id === "b1")?.state).toBe("AVAILABLE");
  });

  it("is off sale once the cutoff passes or the showtime is cancelled", () => {
    expect(computeSeatMap(input, { now, cutoffMinutes: 60 }).onSale).toBe(false);
    expect(computeSeatMap(input, { now, cutoffMinutes: 59 }).onSale).toBe(true);
    const cancelled = { ...input, showtime: { ...input.showtime, status: "CANCELLED" as const } };
    expect(computeSeatMap(cancelled, { now, cutoffMinutes: 0 }).onSale).toBe(false);
  });

  it("knows when the anonymous map next changes by itself", () => {
    expect(nextSeatMapChange(input, { now, cutoffMinutes: 0 })).toBe(minutes(2).getTime());
    const noHolds = { ...input, live: input.live.filter((r) => r.status !== "HELD") };
    expect(nextSeatMapChange(noHolds, { now, cutoffMinutes: 10 })).toBe(minutes(50).getTime());
    // Sales closed and no hold ahead: nothing changes by itself any more.
    expect(nextSeatMapChange(noHolds, { now, cutoffMinutes: 60 })).toBe(Number.POSITIVE_INFINITY);
    // A hold still running after sales close still changes the map.
    expect(nextSeatMapChange(input, { now, cutoffMinutes: 90 })).toBe(minutes(2).getTime());
  });
});
