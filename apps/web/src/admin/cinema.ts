// What the admin area needs to know about the cinema: its zone and currency (cinema.info).
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";

export type CinemaInfo = {
  timeZone: string;
  currency: string;
  /** Today's cinema-local date (YYYY-MM-DD). */
  today: string;
  cleaningMinutes: number;
};

/** The cinema's settings; undefined while loading (callers show skeletons meanwhile). */
export function useCinemaInfo(): { info: CinemaInfo | undefined; error: unknown } {
  const trpc = useTRPC();
  // Configuration only changes on a server restart; an hour is fresh enough.
  const query = useQuery(trpc.cinema.info.queryOptions(undefined, { staleTime: 3_600_000 }));
  return { info: query.data, error: query.error };
}

const moneyDigits = new Map<string, number>();

/** Minor units per major unit of a currency: EUR 2, JPY 0. */
export function currencyDigits(currency: string): number {
  let digits = moneyDigits.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    moneyDigits.set(currency, digits);
  }
  return digits;
}

/** "12.50" (or "12,50") in a currency -> 1250 minor units; null when it is not an amount. */
export function parseMoney(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const normalised = text.trim().replace(",", ".");
  const pattern = digits > 0 ? new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`) : /^\d+$/;
  if (!pattern.test(normalised)) return null;
  return Math.round(Number(normalised) * 10 ** digits);
}

/** 1250 minor units -> "12.50", for pre-filling an amount field. */
export function minorToInput(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}
