// movie.list's search: titles and descriptions, ignoring case, accents and punctuation;
// on PGlite and PostgreSQL.
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { callerFor, unique } from "../../test/factories";

describeEachDatabase("catalogue search", (getDb) => {
  it("finds words in titles and descriptions, whatever their case, accents and punctuation", async () => {
    const db = getDb().prisma;
    const tag = unique("tag").replace(/\W/g, "").toLowerCase();
    const film = (title: string, description: string) =>
      db.movie.create({ data: { title, description, durationMinutes: 90, genres: [tag] } });
    await film("Storm Light", "Two lighthouse-keepers' last winter on the rock.");
    await film("AMÉLIE À PARIS", "A café, a garden gnome and a photo booth.");
    await film("Quiet Harbour", "Nothing to see here.");
    const titles = async (query: string) =>
      (await callerFor(db, null).movie.list({ query, genre: tag })).items.map((m) => m.title);

    expect(await titles("lighthouse keepers")).toEqual(["Storm Light"]);
    expect(await titles("Keepers, LIGHTHOUSE!")).toEqual(["Storm Light"]);
    expect(await titles("amelie a paris")).toEqual(["AMÉLIE À PARIS"]);
    expect(await titles("cafe gnome")).toEqual(["AMÉLIE À PARIS"]);
    expect(await titles("Café")).toEqual(["AMÉLIE À PARIS"]);
    expect(await titles("harbour winter")).toEqual([]);
    expect(await titles("!!")).toEqual([]);
    expect(await titles("light")).toEqual(["Storm Light"]);
  });
});
