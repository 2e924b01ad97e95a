import { expect, it } from "vitest";
import { normalizeGenre, normalizeGenres } from "./genres";

it("makes one genre of spellings that differ in case and spacing", () => {
  expect(normalizeGenre("  Sci-Fi ")).toBe("sci-fi");
  expect(normalizeGenre("Film\t \nNoir")).toBe("film noir");
});

it("drops duplicates, keeping the first one's place", () => {
  expect(
    normalizeGenres(["Drama", "sci-fi", " DRAMA", "Film  noir", "film noir", "Sci-Fi"]),
  ).toEqual(["drama", "sci-fi", "film noir"]);
  expect(normalizeGenres([])).toEqual([]);
  // Empty genres are the schema's to refuse, not silently dropped here.
  expect(normalizeGenres(["  ", ""])).toEqual([""]);
});
