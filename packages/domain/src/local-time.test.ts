import { describe, expect, it } from "vitest";
import {
  addLocalDays,
  isValidLocalDate,
  isValidTimeZone,
  localDateOf,
  localDateTime,
  localDayRange,
  localTimeOf,
  minutesIntoLocalDay,
  toZonedIsoString,
} from "./local-time";

const PARIS = "Europe/Paris";
const NEW_YORK = "America/New_York";
/** The ISO instant, with the zone's offset, of a local date and time. */
const zoned = (date: string, time: string, zone: string) =>
  toZonedIsoString(localDateTime(date, time, zone), zone);

describe("cinema-local days", () => {
  it("puts 23:30 local on its local date whatever the UTC date", () => {
    const instant = localDateTime("2026-07-10", "23:30", "America/Los_Angeles");
    expect(instant.toISOString()).toBe("2026-07-11T06:30:00.000Z");
    expect(localDateOf(instant, "America/Los_Angeles")).toBe("2026-07-10");
    expect(localDateOf(instant, "UTC")).toBe("2026-07-11");
  });

  it("has 23 hours on the day DST starts and 25 on the day it ends (Europe/Paris)", () => {
    const spring = localDayRange("2026-03-29", "Europe/Paris");
    expect(spring.start.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    const autumn = localDayRange("2026-10-25", "Europe/Paris");
    expect(autumn.start.toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
  });

  it("shows the local wall-clock time of an instant, DST included", () => {
    expect(localTimeOf(new Date("2026-03-29T21:30:00Z"), "Europe/Paris")).toBe("23:30");
    expect(localTimeOf(new Date("2026-03-28T22:30:00Z"), "Europe/Paris")).toBe("23:30");
    expect(localTimeOf(new Date("2026-10-25T00:30:00Z"), "Europe/Paris")).toBe("02:30");
    expect(localTimeOf(new Date("2026-10-25T01:30:00Z"), "Europe/Paris")).toBe("02:30");
  });

  it("reads a repeated hour (clocks going back) as its first occurrence", () => {
    expect(localDateTime("2026-10-25", "02:30", "Europe/Paris").toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
    expect(localDateTime("2026-10-25", "03:30", "Europe/Paris").toISOString()).toBe(
      "2026-10-25T02:30:00.000Z",
    );
    // Skipped by the spring change: moves forward.
    expect(localDateTime("2026-03-29", "02:30", "Europe/Paris").toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
  });

  it("rejects impossible dates", () => {
    expect(() => localDayRange("2026-02-30", "UTC")).toThrow(RangeError);
    expect(() => localDayRange("tomorrow", "UTC")).toThrow(RangeError);
  });

  it("adds calendar days across month ends", () => {
    expect(addLocalDays("2026-12-30", 3)).toBe("2027-01-02");
  });

  it("adds negative days and days across leap years", () => {
    expect(addLocalDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addLocalDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addLocalDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addLocalDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("validation", () => {
  it("accepts real calendar dates only", () => {
    expect(isValidLocalDate("2028-02-29")).toBe(true);
    expect(isValidLocalDate("2026-02-29")).toBe(false);
    expect(isValidLocalDate("2026-13-01")).toBe(false);
    expect(isValidLocalDate("2026-04-31")).toBe(false);
    expect(isValidLocalDate("2026-4-1")).toBe(false);
    expect(isValidLocalDate("20260401")).toBe(false);
  });

  it("knows IANA zones", () => {
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Nowhere/Special")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  it("rejects what is not a date and a time", () => {
    expect(() => localDateTime("29/03/2026", "20:30", PARIS)).toThrow(RangeError);
    expect(() => localDateTime("2026-03-29", "8pm", PARIS)).toThrow(RangeError);
    expect(() => localDateTime("2026-03-29", "24:00", PARIS)).toThrow(RangeError);
    expect(() => localDateTime("2026-03-29", "20:30", "Nowhere/Special")).toThrow(RangeError);
    expect(localDateOf(new Date(Number.NaN), PARIS)).toBe("");
    expect(localTimeOf(new Date(Number.NaN), PARIS)).toBe("");
  });

  it("keeps seconds and milliseconds of a local time", () => {
    expect(localDateTime("2026-07-01", "20:30:15.250", PARIS).toISOString()).toBe(
      "2026-07-01T18:30:15.250Z",
    );
  });
});

describe("daylight saving in Europe/Paris", () => {
  it("uses winter time before clocks go forward on 2026-03-29 and summer time after", () => {
    expect(zoned("2026-03-28", "20:30", PARIS)).toBe("2026-03-28T20:30:00+01:00");
    expect(zoned("2026-03-29", "01:59", PARIS)).toBe("2026-03-29T01:59:00+01:00");
    expect(zoned("2026-03-29", "03:00", PARIS)).toBe("2026-03-29T03:00:00+02:00");
    expect(zoned("2026-03-29", "20:30", PARIS)).toBe("2026-03-29T20:30:00+02:00");
  });

  it("moves a time in the skipped hour forward by the hour that never happened", () => {
    expect(zoned("2026-03-29", "02:00", PARIS)).toBe("2026-03-29T03:00:00+02:00");
    expect(zoned("2026-03-29", "02:30", PARIS)).toBe("2026-03-29T03:30:00+02:00");
    expect(zoned("2026-03-29", "02:59", PARIS)).toBe("2026-03-29T03:59:00+02:00");
  });

  it("takes the first of the two 02:30s on 2026-10-25, and one 03:00", () => {
    expect(zoned("2026-10-25", "01:59", PARIS)).toBe("2026-10-25T01:59:00+02:00");
    expect(zoned("2026-10-25", "02:00", PARIS)).toBe("2026-10-25T02:00:00+02:00");
    expect(zoned("2026-10-25", "02:59", PARIS)).toBe("2026-10-25T02:59:00+02:00");
    expect(zoned("2026-10-25", "03:00", PARIS)).toBe("2026-10-25T03:00:00+01:00");
  });

  it("maps every quarter hour of both change days to an instant that reads back", () => {
    for (const date of ["2026-03-29", "2026-10-25"]) {
      for (let minute = 0; minute < 24 * 60; minute += 15) {
        const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
        const instant = localDateTime(date, time, PARIS);
        const skipped = date === "2026-03-29" && time >= "02:00" && time < "03:00";
        expect([date, time, localDateOf(instant, PARIS), localTimeOf(instant, PARIS)]).toEqual([
          date,
          time,
          date,
          skipped ? `03${time.slice(2)}` : time,
        ]);
      }
    }
  });
});

describe("daylight saving in America/New_York", () => {
  it("springs forward on 2026-03-08: 02:30 does not exist and becomes 03:30 EDT", () => {
    expect(zoned("2026-03-08", "01:30", NEW_YORK)).toBe("2026-03-08T01:30:00-05:00");
    expect(zoned("2026-03-08", "02:30", NEW_YORK)).toBe("2026-03-08T03:30:00-04:00");
    expect(zoned("2026-03-08", "03:30", NEW_YORK)).toBe("2026-03-08T03:30:00-04:00");
    const day = localDayRange("2026-03-08", NEW_YORK);
    expect(day.start.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect((day.end.getTime() - day.start.getTime()) / 3_600_000).toBe(23);
  });

  it("falls back on 2026-11-01: 01:30 means the first one, in EDT", () => {
    expect(zoned("2026-11-01", "00:30", NEW_YORK)).toBe("2026-11-01T00:30:00-04:00");
    expect(zoned("2026-11-01", "01:30", NEW_YORK)).toBe("2026-11-01T01:30:00-04:00");
    expect(zoned("2026-11-01", "02:00", NEW_YORK)).toBe("2026-11-01T02:00:00-05:00");
    expect(zoned("2026-11-01", "12:00", NEW_YORK)).toBe("2026-11-01T12:00:00-05:00");
    expect(localTimeOf(new Date("2026-11-01T05:30:00Z"), NEW_YORK)).toBe("01:30");
    expect(localTimeOf(new Date("2026-11-01T06:30:00Z"), NEW_YORK)).toBe("01:30");
    const day = localDayRange("2026-11-01", NEW_YORK);
    expect((day.end.getTime() - day.start.getTime()) / 3_600_000).toBe(25);
  });
});

describe("unusual zones", () => {
  it("handles Lord Howe Island's half-hour daylight saving", () => {
    const LORD_HOWE = "Australia/Lord_Howe";
    // Clocks go back from 02:00 (+11:00) to 01:30 (+10:30) on 2026-04-05.
    expect(zoned("2026-04-05", "01:45", LORD_HOWE)).toBe("2026-04-05T01:45:00+11:00");
    expect(zoned("2026-04-05", "02:00", LORD_HOWE)).toBe("2026-04-05T02:00:00+10:30");
    expect(
      (localDayRange("2026-04-05", LORD_HOWE).end.getTime() -
        localDayRange("2026-04-05", LORD_HOWE).start.getTime()) /
        60_000,
    ).toBe(24.5 * 60);
    // Clocks go forward from 02:00 (+10:30) to 02:30 (+11:00) on 2026-10-04.
    expect(zoned("2026-10-04", "02:15", LORD_HOWE)).toBe("2026-10-04T02:45:00+11:00");
  });

  it("handles Kathmandu's +05:45 and a two-hour change (Antarctica/Troll)", () => {
    expect(zoned("2026-07-01", "20:00", "Asia/Kathmandu")).toBe("2026-07-01T20:00:00+05:45");
    expect(localDateOf(new Date("2026-07-01T18:14:00Z"), "Asia/Kathmandu")).toBe("2026-07-01");
    expect(localDateOf(new Date("2026-07-01T18:15:00Z"), "Asia/Kathmandu")).toBe("2026-07-02");
    // Troll goes back from +02:00 to +00:00 at 03:00 on 2026-10-25: 01:00-03:00 happens twice.
    expect(zoned("2026-10-25", "01:30", "Antarctica/Troll")).toBe("2026-10-25T01:30:00+02:00");
  });

  it("starts a day whose midnight is skipped at its first instant (America/Santiago)", () => {
    const day = localDayRange("2026-09-06", "America/Santiago");
    expect(toZonedIsoString(day.start, "America/Santiago")).toBe("2026-09-06T01:00:00-03:00");
    expect((day.end.getTime() - day.start.getTime()) / 3_600_000).toBe(23);
  });
});

describe("timelines", () => {
  it("counts wall-clock minutes into a day, past midnight included", () => {
    const at = (iso: string) => new Date(iso);
    expect(minutesIntoLocalDay(at("2026-03-29T18:30:00Z"), "2026-03-29", PARIS)).toBe(20 * 60 + 30);
    expect(minutesIntoLocalDay(at("2026-03-29T22:30:00Z"), "2026-03-29", PARIS)).toBe(24 * 60 + 30);
    expect(minutesIntoLocalDay(at("2026-03-28T22:30:00Z"), "2026-03-29", PARIS)).toBe(-30);
  });
});
