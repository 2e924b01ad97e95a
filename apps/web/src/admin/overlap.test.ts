import { describe, expect, it } from "vitest";
import { overlapHeading, overlapLines } from "./overlap";

describe("overlapLines", () => {
  it("formats times and the date in the cinema's zone, each showtime once", () => {
    const s = {
      id: "a",
      title: "Paper Tigers",
      // 19:00 UTC is 20:00 in Paris, 14:00 in New York.
      startsAt: "2026-11-25T19:00:00.000Z",
      busyUntil: "2026-11-25T20:50:00.000Z",
    };
    const lines = overlapLines([s, s], "Europe/Paris");
    expect(lines).toEqual([
      {
        id: "a",
        localDate: "2026-11-25",
        text: "“Paper Tigers” 20:00–21:50 (cleaning included), Wed 25 Nov",
      },
    ]);
    expect(lines[0]?.text).not.toContain("2026-11-25");
  });

  it("uses the cinema's date when UTC is still on the day before", () => {
    const lines = overlapLines(
      [{ id: "b", title: "Late", startsAt: "2026-11-24T23:30:00.000Z" }],
      "Europe/Paris",
    );
    expect(lines[0]?.text).toBe("“Late” 00:30, Wed 25 Nov");
  });
});

describe("overlapHeading", () => {
  it("names the hall and the cleaning break", () => {
    expect(overlapHeading("Hall 2", 15)).toBe(
      "Hall 2 is not free then (each showtime is followed by a 15-minute cleaning break).",
    );
    expect(overlapHeading(undefined, 20)).toMatch(/^The hall is not free then/);
  });
});
