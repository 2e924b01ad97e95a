import { describe, expect, it } from "vitest";
import { checkInRefusal, checkInRefusalMessage, type CheckInFacts } from "./check-in";

const startsAt = new Date("2030-03-10T19:00:00Z");
const endsAt = new Date("2030-03-10T21:00:00Z");
const confirmed: CheckInFacts = {
  status: "CONFIRMED",
  holdExpiresAt: null,
  checkedInAt: null,
  showtime: { status: "SCHEDULED", startsAt, endsAt },
};
const at = (iso: string) => ({ now: new Date(iso), opensMinutes: 60, timeZone: "Europe/Paris" });

describe("checkInRefusal", () => {
  it("admits a confirmed booking from the opening minute until the end", () => {
    expect(checkInRefusal(confirmed, at("2030-03-10T18:00:00Z"))).toBeNull();
    expect(checkInRefusal(confirmed, at("2030-03-10T20:59:59Z"))).toBeNull();
  });

  it("refuses before the doors open the same day, naming the local opening time", () => {
    expect(checkInRefusal(confirmed, at("2030-03-10T17:59:00Z"))).toEqual({
      reason: "NOT_YET_OPEN",
      startsAt: startsAt.toISOString(),
      opensAt: "2030-03-10T18:00:00.000Z",
      localTime: "19:00",
    });
  });

  it("refuses another day and an ended showtime", () => {
    expect(checkInRefusal(confirmed, at("2030-03-09T19:00:00Z"))).toMatchObject({
      reason: "OTHER_DAY",
      localDate: "2030-03-10",
    });
    expect(checkInRefusal(confirmed, at("2030-03-10T21:00:00Z"))).toMatchObject({
      reason: "SHOWTIME_ENDED",
    });
  });

  it("names a second scan's first admission in local time", () => {
    const refusal = checkInRefusal(
      { ...confirmed, checkedInAt: new Date("2030-03-10T18:42:00Z") },
      at("2030-03-10T18:50:00Z"),
    );
    expect(refusal).toMatchObject({ reason: "ALREADY_CHECKED_IN", localTime: "19:42" });
    expect(refusal && checkInRefusalMessage(refusal)).toBe("Already admitted at 19:42");
  });

  it("refuses cancelled bookings, cancelled showtimes and holds, each with its reason", () => {
    const now = at("2030-03-10T18:30:00Z");
    expect(checkInRefusal({ ...confirmed, status: "CANCELLED" }, now)?.reason).toBe(
      "BOOKING_CANCELLED",
    );
    expect(
      checkInRefusal(
        {
          ...confirmed,
          status: "CANCELLED",
          showtime: { ...confirmed.showtime, status: "CANCELLED" },
        },
        now,
      )?.reason,
    ).toBe("SHOWTIME_CANCELLED");
    const held = { ...confirmed, status: "HELD" as const };
    expect(
      checkInRefusal({ ...held, holdExpiresAt: new Date("2030-03-10T18:35:00Z") }, now),
    ).toEqual({ reason: "NOT_CONFIRMED", status: "HELD" });
    expect(
      checkInRefusal({ ...held, holdExpiresAt: new Date("2030-03-10T18:00:00Z") }, now),
    ).toEqual({ reason: "NOT_CONFIRMED", status: "EXPIRED" });
    expect(checkInRefusal({ ...confirmed, status: "EXPIRED" }, now)).toEqual({
      reason: "NOT_CONFIRMED",
      status: "EXPIRED",
    });
  });
});
