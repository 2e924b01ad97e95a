// What a seat costs. A showtime stores one price per seat kind (integer minor units, columns
// priceStandard … priceCompanion); the price is fixed on the reserved seat when it is held.
import { type SeatKind } from "./enums";

/** A price per seat kind, in minor units. */
export type Prices = Record<SeatKind, number>;

/** Prices as admins give them: a kind left out costs the STANDARD price. */
export type PriceInput = { STANDARD: number } & Partial<Record<SeatKind, number>>;

/** A showtime's price columns, as the database stores them. */
export type ShowtimePrices = {
  priceStandard: number;
  pricePremium: number;
  priceWheelchair: number;
  priceCompanion: number;
};

/** The price of one seat of this kind at a showtime. */
export function priceOf(kind: SeatKind, showtime: ShowtimePrices): number {
  switch (kind) {
    case "PREMIUM":
      return showtime.pricePremium;
    case "WHEELCHAIR":
      return showtime.priceWheelchair;
    case "COMPANION":
      return showtime.priceCompanion;
    case "STANDARD":
      return showtime.priceStandard;
  }
}

/** Every kind priced: the ones left out cost the STANDARD price. */
export function completePrices(prices: PriceInput): Prices {
  return {
    STANDARD: prices.STANDARD,
    PREMIUM: prices.PREMIUM ?? prices.STANDARD,
    WHEELCHAIR: prices.WHEELCHAIR ?? prices.STANDARD,
    COMPANION: prices.COMPANION ?? prices.STANDARD,
  };
}

/** The columns to write for admin-given prices (kinds left out cost STANDARD). */
export function priceColumns(prices: PriceInput): ShowtimePrices {
  const all = completePrices(prices);
  return {
    priceStandard: all.STANDARD,
    pricePremium: all.PREMIUM,
    priceWheelchair: all.WHEELCHAIR,
    priceCompanion: all.COMPANION,
  };
}

/** A showtime's columns as one price per kind, the shape clients see. */
export function pricesOf(showtime: ShowtimePrices): Prices {
  return {
    STANDARD: showtime.priceStandard,
    PREMIUM: showtime.pricePremium,
    WHEELCHAIR: showtime.priceWheelchair,
    COMPANION: showtime.priceCompanion,
  };
}
