// Input that once reached the database and came back as a 500 (or, worse, was stored):
// control characters, lone surrogates, absurd dates. Each is a 400 naming the field, and
// nothing is written. On PGlite and PostgreSQL.
import { type PrismaClient } from "@marquee/db";
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { fieldErrors, rejection } from "../test/assertions";
import { callerFor, createCinema, createUser } from "../test/factories";

const counts = async (db: PrismaClient) => ({
  users: await db.user.count(),
  movies: await db.movie.count(),
  halls: await db.hall.count(),
  showtimes: await db.showtime.count(),
  reservations: await db.reservation.count(),
});

describeEachDatabase("hostile input", (getDb) => {
  it("refuses control characters, lone surrogates and absurd dates with a 400, writing nothing", async () => {
    const db = getDb().prisma;
    const cinema = await createCinema(db);
    const admin = callerFor(db, await createUser(db, { role: "ADMIN" }));
    const anon = callerFor(db, null, { clientIp: "10.9.9.9" });
    const before = await counts(db);
    const cases: [string, () => Promise<unknown>, string][] = [
      ["NUL in a search", () => anon.movie.list({ query: "Du\u0000ne" }), "query"],
      ["NUL in a user search", () => admin.user.list({ query: "\u0000" }), "query"],
      [
        "lone surrogate in a name",
        () =>
          anon.auth.register({
            email: "x@example.com",
            name: "A\ud800",
            password: "long-enough-1",
          }),
        "name",
      ],
      [
        "escape in a hall name",
        () => admin.hall.create({ name: "Hall \u001b[31m", layout: ["SS"] }),
        "name",
      ],
      [
        "NUL in a title",
        () => admin.movie.create({ title: "a\u0000b", genres: [], durationMinutes: 90 }),
        "title",
      ],
      ["year 0000", () => anon.showtime.list({ date: "0000-01-01" }), "date"],
      [
        "year 9999 in a report",
        () => admin.report.summary({ from: "2026-01-01", to: "9999-12-31" }),
        "to",
      ],
      [
        "a showtime in 9999",
        () =>
          admin.showtime.create({
            movieId: cinema.movie.id,
            hallId: cinema.hall.id,
            startsAt: "9999-12-31T23:00:00Z",
            prices: { STANDARD: 1000 },
          }),
        "startsAt",
      ],
      ["a window from year 1", () => anon.showtime.list({ from: "0001-01-01T00:00:00Z" }), "from"],
    ];
    for (const [what, call, field] of cases) {
      const error = await rejection(call());
      expect(error.code, what).toBe("BAD_REQUEST");
      expect(Object.keys(fieldErrors(error)), what).toContain(field);
    }
    expect(await counts(db)).toEqual(before);
    // Line breaks stay welcome where text is long-form.
    const film = await admin.movie.create({
      title: "Lines",
      description: "One.\nTwo.\tThree.",
      genres: [],
      durationMinutes: 90,
    });
    expect(film.description).toBe("One.\nTwo.\tThree.");
  });
});
