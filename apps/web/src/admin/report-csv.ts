// The reports page's figures as CSV files (one per table: days, films, showtimes). Quoting,
// escaping and formula neutralising come from csv-stringify; amounts are plain decimals in
// the report's currency (named in the header) and times are cinema-local, so a spreadsheet
// reads the same figures the page shows.
import { stringify } from "csv-stringify/browser/esm/sync";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@marquee/api";
import { localTimeOf } from "@marquee/domain";
import { currencyDigits } from "./cinema";

export type Summary = inferRouterOutputs<AppRouter>["report"]["summary"];
export type ReportTable = "days" | "movies" | "showtimes";

/** Integer minor units -> "12.50" (no symbol, no grouping: a number for spreadsheets). */
export function amount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, "0")}`;
}

/** 0.4567 -> "45.7" (percent, one decimal). */
const percent = (ratio: number) => (Math.round(ratio * 1000) / 10).toFixed(1);

/** Rows with a header row, every field quoted as needed, formulas neutralised, CRLF lines. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([header, ...rows], {
    // A film called "=HYPERLINK(…)" must stay text in a spreadsheet.
    escape_formulas: true,
    record_delimiter: "windows",
    // Line breaks inside a field are quoted too (RFC 4180), whichever delimiter we use.
    quoted_match: /[\r\n]/,
    cast: { number: (n) => String(n) },
  });
}

type Figures = {
  showtimes: number;
  sold: number;
  capacity: number;
  occupancy: number;
  revenue: number;
  cancellations: number;
};

export function reportCsv(summary: Summary, table: ReportTable, timeZone: string): string {
  const { currency } = summary;
  const money = (minor: number) => amount(minor, currency);
  // Days and films carry the same figures after their first column.
  const figureHeader = [
    "Showtimes",
    "Seats sold",
    "Capacity",
    "Occupancy (%)",
    `Revenue (${currency})`,
    "Cancelled bookings",
  ];
  const figures = (f: Figures) => [
    f.showtimes,
    f.sold,
    f.capacity,
    percent(f.occupancy),
    money(f.revenue),
    f.cancellations,
  ];
  if (table === "days") {
    return toCsv(
      ["Date", ...figureHeader],
      summary.days.map((d) => [d.date, ...figures(d)]),
    );
  }
  if (table === "movies") {
    return toCsv(
      ["Film", ...figureHeader],
      summary.movies.map((m) => [m.title, ...figures(m)]),
    );
  }
  return toCsv(
    [
      "Date",
      "Start (local)",
      "Film",
      "Hall",
      "Seats sold",
      "Capacity",
      "Occupancy (%)",
      `Revenue (${currency})`,
      "Cancelled bookings",
      "Status",
    ],
    summary.showtimes.map((s) => [
      s.localDate,
      localTimeOf(new Date(s.startsAt), timeZone),
      s.movie.title,
      s.hall.name,
      s.sold,
      s.capacity,
      s.capacity > 0 ? percent(s.occupancy) : "",
      money(s.revenue),
      s.cancellations,
      s.status,
    ]),
  );
}

export function reportFileName(summary: Pick<Summary, "from" | "to">, table: ReportTable) {
  return `marquee-${table}-${summary.from}-to-${summary.to}.csv`;
}

/** Saves text as a file through the browser's download (a Blob behind a temporary link). */
export function downloadText(fileName: string, text: string, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
