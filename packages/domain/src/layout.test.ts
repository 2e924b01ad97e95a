import { describe, expect, it } from "vitest";
import { rowLabel, seatsFromLayout, validateLayout, LayoutError } from "./layout";

describe("hall layouts", () => {
  it("labels rows like spreadsheet columns", () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(rowLabel)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
    ]);
  });

  it("numbers seats from 1 left to right, skipping gaps, and keeps grid positions", () => {
    const seats = seatsFromLayout(["SS_S", "PP_P", "WC_CW"]);
    expect(seats.map((s) => s.label)).toEqual([
      "A1",
      "A2",
      "A3",
      "B1",
      "B2",
      "B3",
      "C1",
      "C2",
      "C3",
      "C4",
    ]);
    expect(seats.find((s) => s.label === "A3")).toMatchObject({ x: 3, y: 0, kind: "STANDARD" });
    expect(seats.find((s) => s.label === "C3")).toMatchObject({ x: 3, y: 2, kind: "COMPANION" });
    expect(seats.filter((s) => s.kind === "WHEELCHAIR").map((s) => s.label)).toEqual(["C1", "C4"]);
  });

  it("names every problem with its row", () => {
    expect(validateLayout(["SSX", "", "SS?S"]).map((i) => i.message)).toEqual([
      'row A has unknown place "X" (use S, P, W, C or _)',
      "row B is empty (use _ for gaps)",
      'row C has unknown place "?" (use S, P, W, C or _)',
    ]);
    expect(validateLayout([]).map((i) => i.message)).toEqual(["a layout needs at least one row"]);
    expect(validateLayout(["___"]).map((i) => i.message)).toEqual([
      "a layout needs at least one seat",
    ]);
    expect(validateLayout(["s"]).length).toBe(1);
    expect(() => seatsFromLayout(["SQ"])).toThrow(LayoutError);
  });
});
