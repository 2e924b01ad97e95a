import { describe, expect, it } from "vitest";
import { SEAT_KINDS } from "./enums";
import { completePrices, priceColumns, priceOf, pricesOf } from "./pricing";

const columns = {
  priceStandard: 1200,
  pricePremium: 1500,
  priceWheelchair: 900,
  priceCompanion: 0,
};

describe("seat prices", () => {
  it("reads each kind's own column", () => {
    expect(SEAT_KINDS.map((kind) => priceOf(kind, columns))).toEqual([1200, 1500, 900, 0]);
  });

  it("prices a kind left out like a standard seat, but keeps an explicit zero", () => {
    expect(completePrices({ STANDARD: 1000, PREMIUM: 1400, COMPANION: 0 })).toEqual({
      STANDARD: 1000,
      PREMIUM: 1400,
      WHEELCHAIR: 1000,
      COMPANION: 0,
    });
    expect(priceColumns({ STANDARD: 800 })).toEqual({
      priceStandard: 800,
      pricePremium: 800,
      priceWheelchair: 800,
      priceCompanion: 800,
    });
  });

  it("round-trips between columns and prices per kind", () => {
    expect(priceColumns(pricesOf(columns))).toEqual(columns);
    for (const kind of SEAT_KINDS) expect(pricesOf(columns)[kind]).toBe(priceOf(kind, columns));
  });
});
