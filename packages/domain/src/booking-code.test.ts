import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { BOOKING_CODE_PATTERN, generateBookingCode, normalizeBookingCode } from "./booking-code";

it("generates readable codes without look-alike characters", () => {
  const codes = new Set(Array.from({ length: 2000 }, () => generateBookingCode(randomBytes)));
  expect(codes.size).toBe(2000);
  for (const code of codes) expect(code).toMatch(BOOKING_CODE_PATTERN);
  expect([...codes].join("")).not.toMatch(/[01OILU]/);
});

it("normalizes what people type", () => {
  expect(normalizeBookingCode(" k7qf 2m9x ")).toBe("K7QF-2M9X");
  expect(normalizeBookingCode("k7qf-2m9x")).toBe("K7QF-2M9X");
});
