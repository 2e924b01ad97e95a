import { describe, expect, it } from "vitest";
import { amount, reportCsv, reportFileName, toCsv, type Summary } from "./report-csv";

const figures = {
  capacity: 100,
  sold: 45,
  held: 0,
  occupancy: 0.45,
  revenue: 56_250,
  cancellations: 1,
};

const summary: Summary = {
  from: "2026-11-20",
  to: "2026-11-27",
  currency: "EUR",
  totals: { ...figures, showtimes: 1 },
  days: [{ ...figures, date: "2026-11-25", showtimes: 1 }],
  movies: [{ ...figures, movieId: "m1", title: 'The "Big", Night\nOut', showtimes: 1 }],
  showtimes: [
    {
      ...figures,
      showtimeId: "s1",
      // 19:00 UTC = 20:00 in Paris.
      startsAt: "2026-11-25T19:00:00.000Z",
      localDate: "2026-11-25",
      status: "SCHEDULED",
      movie: { id: "m1", title: '=HYPERLINK("http://evil")' },
      hall: { id: "h1", name: "Grand" },
    },
  ],
};

describe("toCsv", () => {
  it("writes a header row and quotes commas, quotes and line breaks", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 'say "hi"'],
          ["line\nbreak", 3],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",3\r\n');
  });
});

describe("reportCsv", () => {
  it("exports the days with cinema-local dates and decimal amounts", () => {
    expect(reportCsv(summary, "days", "Europe/Paris")).toBe(
      "Date,Showtimes,Seats sold,Capacity,Occupancy (%),Revenue (EUR),Cancelled bookings\r\n" +
        "2026-11-25,1,45,100,45.0,562.50,1\r\n",
    );
  });

  it("exports film titles quoted as needed", () => {
    const lines = reportCsv(summary, "movies", "Europe/Paris").split("\r\n");
    expect(lines[1]).toBe('"The ""Big"", Night\nOut",1,45,100,45.0,562.50,1');
  });

  it("exports showtimes at their local start time and neutralises formulas", () => {
    const lines = reportCsv(summary, "showtimes", "Europe/Paris").split("\r\n");
    expect(lines[0]).toBe(
      "Date,Start (local),Film,Hall,Seats sold,Capacity,Occupancy (%),Revenue (EUR),Cancelled bookings,Status",
    );
    expect(lines[1]).toBe(
      `2026-11-25,20:00,"'=HYPERLINK(""http://evil"")",Grand,45,100,45.0,562.50,1,SCHEDULED`,
    );
  });

  it("names the file after the table and the range", () => {
    expect(reportFileName(summary, "days")).toBe("marquee-days-2026-11-20-to-2026-11-27.csv");
  });
});

describe("amount", () => {
  it("writes minor units as a plain decimal of the currency", () => {
    expect(amount(56_250, "EUR")).toBe("562.50");
    expect(amount(5, "EUR")).toBe("0.05");
    expect(amount(-1_234, "EUR")).toBe("-12.34");
    expect(amount(1_500, "JPY")).toBe("1500");
    expect(amount(1_234_567, "KWD")).toBe("1234.567");
  });
});
