import { expect, it } from "vitest";
import { isSeatKind, parseRole } from "./enums";

it("reads only known roles, never defaulting to USER", () => {
  expect(parseRole("ADMIN")).toBe("ADMIN");
  expect(parseRole("USER")).toBe("USER");
  expect(parseRole("STAFF")).toBe("STAFF");
  expect(parseRole("OWNER")).toBeNull();
  expect(parseRole("admin")).toBeNull();
  expect(parseRole(undefined)).toBeNull();
  expect(parseRole(["ADMIN"])).toBeNull();
});

it("recognises seat kinds", () => {
  expect(isSeatKind("PREMIUM")).toBe(true);
  expect(isSeatKind("VIP")).toBe(false);
  expect(isSeatKind(null)).toBe(false);
});
