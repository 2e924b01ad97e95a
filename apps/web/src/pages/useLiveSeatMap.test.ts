// Applying a live change to a seat map, and what is announced.
import { describe, expect, it } from "vitest";
import { type SeatMapData } from "../api-types";
import { applyChanges, takenAnnouncement } from "./useLiveSeatMap";

const seat = (id: string, state: SeatMapData["seats"][number]["state"]) => ({
  id,
  row: "C",
  number: Number(id),
  kind: "STANDARD" as const,
  x: Number(id),
  y: 0,
  label: `C${id}`,
  price: 1000,
  state,
});

const map: SeatMapData = {
  showtimeId: "s",
  currency: "EUR",
  onSale: true,
  seats: [seat("1", "AVAILABLE"), seat("2", "AVAILABLE"), seat("3", "MINE")],
  counts: { AVAILABLE: 2, HELD: 0, SOLD: 0, MINE: 1 },
  width: 4,
  height: 1,
};

describe("applyChanges", () => {
  it("changes the named seats in place and recounts", () => {
    const next = applyChanges(map, {
      type: "changes",
      version: 2,
      at: new Date(0).toISOString(),
      onSale: false,
      seats: [
        { id: "1", state: "SOLD" },
        { id: "3", state: "AVAILABLE" },
      ],
    });
    expect(next.seats.map((s) => s.state)).toEqual(["SOLD", "AVAILABLE", "AVAILABLE"]);
    expect(next.counts).toEqual({ AVAILABLE: 2, HELD: 0, SOLD: 1, MINE: 0 });
    expect(next.onSale).toBe(false);
    // Untouched seats keep their identity (React skips them).
    expect(next.seats[1]).toBe(map.seats[1]);
    expect(map.seats[0]?.state).toBe("AVAILABLE");
  });
});

describe("takenAnnouncement", () => {
  it("names one or a few seats, and counts many", () => {
    expect(takenAnnouncement(["C7"])).toBe("C7 was just taken");
    expect(takenAnnouncement(["C7", "C8"])).toMatch(/^C7.*C8 were just taken$/);
    expect(takenAnnouncement(["A1", "A2", "A3", "A4", "A5"])).toBe("5 seats were just taken");
    expect(takenAnnouncement([])).toBe("");
  });
});
