import { describe, expect, it } from "vitest";
import { effectiveStatus, isLive } from "./reservation";

const now = new Date("2026-03-29T18:00:00Z");
const before = new Date(now.getTime() - 1);
const after = new Date(now.getTime() + 1);

describe("reservation status at an instant", () => {
  it("reads a hold at or past its deadline as EXPIRED, and nothing else changes", () => {
    expect(effectiveStatus({ status: "HELD", holdExpiresAt: after }, now)).toBe("HELD");
    expect(effectiveStatus({ status: "HELD", holdExpiresAt: now }, now)).toBe("EXPIRED");
    expect(effectiveStatus({ status: "HELD", holdExpiresAt: before }, now)).toBe("EXPIRED");
    expect(effectiveStatus({ status: "HELD", holdExpiresAt: null }, now)).toBe("HELD");
    expect(effectiveStatus({ status: "CONFIRMED", holdExpiresAt: before }, now)).toBe("CONFIRMED");
    expect(effectiveStatus({ status: "CANCELLED", holdExpiresAt: after }, now)).toBe("CANCELLED");
  });

  it("keeps seats while CONFIRMED, or HELD before the deadline", () => {
    expect(isLive({ status: "CONFIRMED", holdExpiresAt: null }, now)).toBe(true);
    expect(isLive({ status: "CONFIRMED", holdExpiresAt: before }, now)).toBe(true);
    expect(isLive({ status: "HELD", holdExpiresAt: after }, now)).toBe(true);
    expect(isLive({ status: "HELD", holdExpiresAt: now }, now)).toBe(false);
    expect(isLive({ status: "HELD", holdExpiresAt: null }, now)).toBe(false);
    expect(isLive({ status: "CANCELLED", holdExpiresAt: after }, now)).toBe(false);
    expect(isLive({ status: "EXPIRED", holdExpiresAt: after }, now)).toBe(false);
  });

  it("agrees with effectiveStatus: a live hold reads HELD, a dead one does not", () => {
    for (const holdExpiresAt of [before, now, after]) {
      const r = { status: "HELD" as const, holdExpiresAt };
      expect(isLive(r, now)).toBe(effectiveStatus(r, now) === "HELD");
    }
  });
});
