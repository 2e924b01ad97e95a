import { describe, expect, it } from "vitest";
import { addLocalDays, localDateOf, localDateTime, localDayRange, localTimeOf } from "./local-time";

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
});
