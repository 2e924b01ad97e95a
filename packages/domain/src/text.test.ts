import { describe, expect, it } from "vitest";
import { isAcceptedYear, isPlainText, searchWords } from "./text";

describe("plain text", () => {
  it("refuses control characters and lone surrogates, keeps emoji and line breaks if asked", () => {
    expect(isPlainText("Dune: Part Two 🎬")).toBe(true);
    expect(isPlainText("a\u0000b")).toBe(false);
    expect(isPlainText("\u009f")).toBe(false);
    expect(isPlainText("A\ud800")).toBe(false);
    expect(isPlainText("\udc00x")).toBe(false);
    expect(isPlainText("One.\nTwo.")).toBe(false);
    expect(isPlainText("One.\nTwo.\tThree.", { multiline: true })).toBe(true);
    expect(isPlainText("a\u0000", { multiline: true })).toBe(false);
  });

  it("accepts the years 2000 to 2100 only", () => {
    expect([1999, 2000, 2100, 2101, 0, 275760].map(isAcceptedYear)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe("searchWords", () => {
  it("folds case, accents and punctuation", () => {
    expect(searchWords("  Lighthouse-Keepers' ")).toEqual(["lighthouse", "keepers"]);
    expect(searchWords("AMÉLIE, Poulain!")).toEqual(["amelie", "poulain"]);
    expect(searchWords("--")).toEqual([]);
  });
});
