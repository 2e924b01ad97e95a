import { describe, expect, it } from "vitest";
import { plural, pluralWord } from "./plural";

describe("plural", () => {
  const minutes = { one: "minute", other: "minutes" };
  it("uses the locale's plural rules", () => {
    expect(plural(1, minutes)).toBe("1 minute");
    expect(plural(2, minutes)).toBe("2 minutes");
    expect(plural(0, minutes)).toBe("0 minutes");
    expect(pluralWord(1, { one: "seat", other: "seats" })).toBe("seat");
  });
});
