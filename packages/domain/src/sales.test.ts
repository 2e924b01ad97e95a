import { expect, it } from "vitest";
import { saleState, salesCloseAt } from "./sales";

const startsAt = new Date("2026-03-29T18:00:00Z");
const at = (iso: string) => new Date(iso);

it("sells until the cutoff before the start, and not at the cutoff itself", () => {
  expect(salesCloseAt(startsAt, 15).toISOString()).toBe("2026-03-29T17:45:00.000Z");
  const scheduled = { status: "SCHEDULED", startsAt };
  const clock = (now: string) => ({ now: at(now), cutoffMinutes: 15 });
  expect(saleState(scheduled, clock("2026-03-29T17:44:59.999Z"))).toBe("ON_SALE");
  expect(saleState(scheduled, clock("2026-03-29T17:45:00.000Z"))).toBe("CLOSED");
  expect(saleState(scheduled, clock("2026-03-30T00:00:00.000Z"))).toBe("CLOSED");
});

it("closes at the start with no cutoff", () => {
  const scheduled = { status: "SCHEDULED", startsAt };
  expect(saleState(scheduled, { now: at("2026-03-29T17:59:59Z"), cutoffMinutes: 0 })).toBe(
    "ON_SALE",
  );
  expect(saleState(scheduled, { now: startsAt, cutoffMinutes: 0 })).toBe("CLOSED");
});

it("says CANCELLED for a cancelled showtime whatever the time", () => {
  const cancelled = { status: "CANCELLED", startsAt };
  expect(saleState(cancelled, { now: at("2026-01-01T00:00:00Z"), cutoffMinutes: 0 })).toBe(
    "CANCELLED",
  );
  expect(saleState(cancelled, { now: at("2026-12-01T00:00:00Z"), cutoffMinutes: 0 })).toBe(
    "CANCELLED",
  );
});
