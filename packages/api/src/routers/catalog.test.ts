// Movies and halls through the router (CRUD, validation, listing, deletion rules). Their
// authorization rows run in authz.test.ts.
import { type PrismaClient } from "@marquee/db";
import { describeEachDatabase } from "@marquee/db/testing";
import { type inferProcedureInput } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { type AppRouter } from "../root";
import { details, fieldErrors, procedureAt, rejection } from "../test/assertions";
import {
  callerFor,
  createHall,
  createMovie,
  createReservation,
  createShowtime,
  createUser,
  unique,
  type Actor,
} from "../test/factories";

type MovieCreateInput = inferProcedureInput<AppRouter["movie"]["create"]>;
type HallCreateInput = inferProcedureInput<AppRouter["hall"]["create"]>;

const now = new Date("2026-03-01T12:00:00.000Z");
const hours = (h: number) => new Date(now.getTime() + h * 3600e3);

const counts = (db: PrismaClient) =>
  Promise.all([db.movie.count(), db.hall.count(), db.seat.count(), db.showtime.count()]).then(
    ([movies, halls, seats, showtimes]) => ({ movies, halls, seats, showtimes }),
  );

describeEachDatabase("catalogue: movies and halls", (getDb) => {
  let admin: Actor;
  const as = (who: Actor | null, config = {}) => callerFor(getDb().prisma, who, { now, config });

  beforeAll(async () => {
    admin = await createUser(getDb().prisma, { role: "ADMIN", now });
  });

  describe("movies", () => {
    it("creates a movie with normalised fields and reads it back with upcoming showtimes", async () => {
      const db = getDb().prisma;
      const input: MovieCreateInput = {
        title: "  Orbit of Small Things ",
        description: "Two engineers race a falling satellite.",
        genres: ["  Sci-Fi ", "sci-fi", "THRILLER", "Science  Fiction"],
        durationMinutes: 128,
        rating: "PG-13",
        posterUrl: "https://img.example.com/orbit.jpg",
        releaseDate: "2026-02-13",
      };
      const created = await as(admin).movie.create(input);
      expect(created).toEqual({
        id: expect.any(String),
        title: "Orbit of Small Things",
        description: "Two engineers race a falling satellite.",
        genres: ["sci-fi", "thriller", "science fiction"],
        durationMinutes: 128,
        rating: "PG-13",
        posterUrl: "https://img.example.com/orbit.jpg",
        releaseDate: "2026-02-13",
      });
      const row = await db.movie.findUniqueOrThrow({ where: { id: created.id } });
      expect(row.genres).toEqual(["sci-fi", "thriller", "science fiction"]);
      expect(row.releaseDate?.toISOString()).toBe("2026-02-13T00:00:00.000Z");

      const hall = await createHall(db);
      const past = await createShowtime(db, { movie: created, hall, startsAt: hours(-5) });
      const next = await createShowtime(db, { movie: created, hall, startsAt: hours(5) });
      await createShowtime(db, { movie: created, hall, startsAt: hours(10), status: "CANCELLED" });
      const detail = await as(null).movie.byId({ id: created.id });
      expect(detail.title).toBe("Orbit of Small Things");
      expect(detail.upcomingShowtimes.map((s) => s.id)).toEqual([next.id]);
      expect(detail.upcomingShowtimes[0]).toMatchObject({
        movie: { id: created.id, title: "Orbit of Small Things", durationMinutes: 128 },
        hall: { id: hall.id, name: hall.name },
        startsAt: hours(5).toISOString(),
        status: "SCHEDULED",
        capacity: 7,
        seatsAvailable: 7,
      });
      expect(past.id).not.toBe(next.id);
    });

    it("updates and clears fields; unknown ids are NOT_FOUND", async () => {
      const db = getDb().prisma;
      const movie = await as(admin).movie.create({
        title: "Draft",
        genres: ["drama"],
        durationMinutes: 90,
        posterUrl: "http://img.example.com/a.png",
        rating: "12A",
      });
      const updated = await as(admin).movie.update({
        id: movie.id,
        title: "Final",
        genres: ["Comedy", "comedy "],
        posterUrl: null,
        durationMinutes: 95,
      });
      expect(updated).toMatchObject({
        title: "Final",
        genres: ["comedy"],
        posterUrl: null,
        rating: "12A",
        durationMinutes: 95,
      });
      expect(await db.movie.findUniqueOrThrow({ where: { id: movie.id } })).toMatchObject({
        title: "Final",
        posterUrl: null,
        durationMinutes: 95,
      });
      const missing = "01900000-0000-7000-8000-000000000000";
      const error = await rejection(as(admin).movie.update({ id: missing, title: "X" }));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toContain(missing);
      expect((await rejection(as(null).movie.byId({ id: missing }))).code).toBe("NOT_FOUND");
    });

    const valid: MovieCreateInput = { title: "Valid", genres: [], durationMinutes: 90 };
    it.each([
      ["empty title", { ...valid, title: "   " }, "title"],
      ["title over 200 characters", { ...valid, title: "x".repeat(201) }, "title"],
      ["zero duration", { ...valid, durationMinutes: 0 }, "durationMinutes"],
      ["duration over 600", { ...valid, durationMinutes: 601 }, "durationMinutes"],
      ["fractional duration", { ...valid, durationMinutes: 90.5 }, "durationMinutes"],
      ["ftp poster", { ...valid, posterUrl: "ftp://img.example.com/a.png" }, "posterUrl"],
      ["javascript poster", { ...valid, posterUrl: "javascript:alert(1)" }, "posterUrl"],
      ["impossible release date", { ...valid, releaseDate: "2026-02-30" }, "releaseDate"],
      ["blank genre", { ...valid, genres: ["drama", "  "] }, "genres.1"],
    ])("movie.create rejects %s at its field", async (_name, input, path) => {
      const before = await getDb().prisma.movie.count();
      const error = await rejection(as(admin).movie.create(input));
      expect(error.code).toBe("BAD_REQUEST");
      expect(Object.keys(fieldErrors(error))).toEqual([path]);
      expect(await getDb().prisma.movie.count()).toBe(before);
    });

    it.each([
      ["movie.update", { id: "not-an-id", title: "X" }, "id"],
      [
        "movie.update",
        { id: "01900000-0000-7000-8000-000000000000", durationMinutes: -1 },
        "durationMinutes",
      ],
      ["movie.list", { limit: 101 }, "limit"],
      ["movie.list", { date: "tomorrow" }, "date"],
      ["movie.byId", { id: "42" }, "id"],
      ["movie.delete", { id: "" }, "id"],
    ])("%s rejects %j at %s", async (path, input, field) => {
      const error = await rejection(procedureAt(as(admin), path)(input));
      expect(error.code).toBe("BAD_REQUEST");
      expect(Object.keys(fieldErrors(error))).toEqual([field]);
    });

    it("lists by title query, normalised genre and cinema-local date (DST night)", async () => {
      const db = getDb().prisma;
      const tag = unique("tag").toLowerCase();
      const hall = await createHall(db);
      const late = await createMovie(db, { title: "Late Show", genres: [tag, "noir"] });
      const early = await createMovie(db, { title: "Early Bird", genres: [tag] });
      const idle = await createMovie(db, { title: "Idle Reel", genres: [tag, "noir"] });
      // 23:30 on 29 March in Paris (DST began that night) and 00:30 on 30 March, which is
      // still 29 March in UTC.
      await createShowtime(db, {
        movie: late,
        hall,
        startsAt: "2026-03-29T23:30:00+02:00",
        durationMinutes: 30,
      });
      await createShowtime(db, {
        movie: early,
        hall,
        startsAt: "2026-03-30T00:30:00+02:00",
        durationMinutes: 30,
      });
      const paris = as(null, { timeZone: "Europe/Paris" });
      const titles = async (input: inferProcedureInput<AppRouter["movie"]["list"]>) =>
        (await paris.movie.list(input)).items.map((m) => m.title);

      expect(await titles({ genre: ` ${tag.toUpperCase()} ` })).toEqual([
        "Early Bird",
        "Idle Reel",
        "Late Show",
      ]);
      expect(await titles({ genre: tag, query: "sHoW" })).toEqual(["Late Show"]);
      expect(await titles({ genre: tag, date: "2026-03-29" })).toEqual(["Late Show"]);
      expect(await titles({ genre: tag, date: "2026-03-30" })).toEqual(["Early Bird"]);
      // In UTC both are on the 29th.
      expect((await as(null).movie.list({ genre: tag, date: "2026-03-29" })).items).toHaveLength(2);
      expect(idle.genres).toContain("noir");
    });

    it("paginates by (title, id) without skipping or repeating while movies are added", async () => {
      const db = getDb().prisma;
      const prefix = unique("Paged").replace(/\W/g, "");
      const titles = ["B", "B", "D", "F", "F", "H"].map((t) => `${prefix} ${t}`);
      for (const title of titles) await createMovie(db, { title });
      const seen: string[] = [];
      let cursor: string | undefined;
      let page = 0;
      do {
        const result = await as(null).movie.list({
          query: prefix,
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...result.items.map((m) => m.id));
        cursor = result.nextCursor ?? undefined;
        if (page === 0) {
          // One sorts before the cursor (must not appear), one after it (must appear).
          await createMovie(db, { title: `${prefix} A` });
          await createMovie(db, { title: `${prefix} G` });
        }
        page += 1;
      } while (cursor);
      const expected = await db.movie.findMany({
        where: { title: { startsWith: prefix }, NOT: { title: `${prefix} A` } },
        orderBy: [{ title: "asc" }, { id: "asc" }],
      });
      expect(seen).toEqual(expected.map((m) => m.id));
      expect(new Set(seen).size).toBe(7);

      const bad = await rejection(as(null).movie.list({ cursor: "not-a-cursor" }));
      expect(bad.code).toBe("BAD_REQUEST");
    });

    it("deletes a movie with its showtimes when no reservation is live", async () => {
      const db = getDb().prisma;
      const [movie, hall] = await Promise.all([createMovie(db), createHall(db)]);
      const a = await createShowtime(db, { movie, hall, startsAt: hours(30) });
      const b = await createShowtime(db, { movie, hall, startsAt: hours(-30) });
      const seat = hall.seats[0]!;
      await createReservation(db, { showtime: a, seatIds: [seat.id], status: "CANCELLED" });
      await createReservation(db, { showtime: b, seatIds: [seat.id], status: "EXPIRED" });

      expect(await as(admin).movie.delete({ id: movie.id })).toEqual({ id: movie.id });
      expect(await db.movie.findUnique({ where: { id: movie.id } })).toBeNull();
      expect(await db.showtime.count({ where: { id: { in: [a.id, b.id] } } })).toBe(0);
      expect(await db.reservation.count({ where: { showtimeId: { in: [a.id, b.id] } } })).toBe(0);
      expect(await db.seat.count({ where: { hallId: hall.id } })).toBe(hall.seats.length);
    });

    it("refuses to delete a movie with live reservations, naming those showtimes", async () => {
      const db = getDb().prisma;
      const [movie, hall] = await Promise.all([
        createMovie(db, { title: "Held Back" }),
        createHall(db, { layout: ["SSSS"], name: unique("Blue Room") }),
      ]);
      const free = await createShowtime(db, { movie, hall, startsAt: hours(2) });
      const held = await createShowtime(db, { movie, hall, startsAt: hours(26) });
      const sold = await createShowtime(db, { movie, hall, startsAt: hours(50) });
      // A confirmed booking of a showtime that already took place counts too (kept for the books).
      const past = await createShowtime(db, { movie, hall, startsAt: hours(-50) });
      const [s1, s2] = hall.seats;
      await createReservation(db, { showtime: held, seatIds: [s1!.id], status: "HELD" });
      await createReservation(db, {
        showtime: sold,
        seatIds: [s1!.id, s2!.id],
        status: "CONFIRMED",
      });
      await createReservation(db, { showtime: past, seatIds: [s2!.id], status: "CONFIRMED" });

      const error = await rejection(as(admin).movie.delete({ id: movie.id }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toContain("Held Back");
      expect(error.message).toContain(hall.name);
      const named = details(error).showtimes as { id: string; liveReservations: number }[];
      expect(named.map((s) => s.id).sort()).toEqual([held.id, sold.id, past.id].sort());
      expect(named.map((s) => s.id)).not.toContain(free.id);
      expect(await db.movie.count({ where: { id: movie.id } })).toBe(1);
      expect(await db.showtime.count({ where: { movieId: movie.id } })).toBe(4);
      expect(await db.reservation.count({ where: { showtime: { movieId: movie.id } } })).toBe(3);
    });
  });

  describe("halls", () => {
    it("creates a hall with seats generated from its layout, and lists it", async () => {
      const db = getDb().prisma;
      const input: HallCreateInput = { name: "  Studio 9 ", layout: ["SS_SS", "PP_PP", "WC__S"] };
      const hall = await as(admin).hall.create(input);
      expect(hall).toMatchObject({
        name: "Studio 9",
        layout: ["SS_SS", "PP_PP", "WC__S"],
        capacity: 11,
        seatsByKind: { STANDARD: 5, PREMIUM: 4, WHEELCHAIR: 1, COMPANION: 1 },
      });
      expect(hall.seats.find((s) => s.label === "B3")).toMatchObject({
        row: "B",
        number: 3,
        kind: "PREMIUM",
        x: 3,
        y: 1,
      });
      expect(await db.seat.count({ where: { hallId: hall.id } })).toBe(11);
      const listed = await as(null).hall.list();
      expect(listed.find((h) => h.id === hall.id)).toMatchObject({
        name: "Studio 9",
        capacity: 11,
      });
      const detail = await as(null).hall.byId({ id: hall.id });
      expect(detail.seats.map((s) => s.label)).toEqual(hall.seats.map((s) => s.label));
    });

    it.each([
      ["hall.create", { name: "Bad", layout: ["SSXS", "SS"] }, "layout.0", "row A"],
      ["hall.create", { name: "Bad", layout: ["SS", ""] }, "layout.1", "row B"],
      ["hall.create", { name: "Bad", layout: ["SS", "SS", "S?"] }, "layout.2", "row C"],
      ["hall.create", { name: "Bad", layout: [] }, "layout", "at least one row"],
      ["hall.create", { name: "Bad", layout: ["___"] }, "layout", "at least one seat"],
      ["hall.create", { name: "  ", layout: ["SS"] }, "name", ""],
      [
        "hall.update",
        { id: "01900000-0000-7000-8000-000000000000", layout: ["S", "Q"] },
        "layout.1",
        "row B",
      ],
    ])("%s rejects %j at %s", async (path, input, field, message) => {
      const before = await counts(getDb().prisma);
      const error = await rejection(procedureAt(as(admin), path)(input));
      expect(error.code).toBe("BAD_REQUEST");
      const errors = fieldErrors(error);
      expect(Object.keys(errors)).toEqual([field]);
      expect(errors[field]!.join(" ")).toContain(message);
      expect(await counts(getDb().prisma)).toEqual(before);
    });

    it("keeps hall names unique regardless of case", async () => {
      const db = getDb().prisma;
      const name = unique("Grand");
      const first = await as(admin).hall.create({ name, layout: ["SS"] });
      const dup = await rejection(
        as(admin).hall.create({ name: name.toUpperCase(), layout: ["SS"] }),
      );
      expect(dup.code).toBe("CONFLICT");
      expect(dup.message).toContain(name);
      const other = await as(admin).hall.create({ name: unique("Other"), layout: ["SS"] });
      const rename = await rejection(
        as(admin).hall.update({ id: other.id, name: name.toLowerCase() }),
      );
      expect(rename.code).toBe("CONFLICT");
      expect(await db.hall.count({ where: { name: { equals: name, mode: "insensitive" } } })).toBe(
        1,
      );
      // Renaming to itself (another case) is fine.
      const renamed = await as(admin).hall.update({ id: first.id, name: name.toUpperCase() });
      expect(renamed.name).toBe(name.toUpperCase());
    });

    it("changes the layout keeping surviving seats, and refuses to drop booked seats", async () => {
      const db = getDb().prisma;
      const movie = await createMovie(db);
      const hall = await createHall(db, { layout: ["SSS", "SSS"] });
      const past = await createShowtime(db, { movie, hall, startsAt: hours(-48) });
      const a1 = hall.seats.find((s) => s.row === "A" && s.number === 1)!;
      const b3 = hall.seats.find((s) => s.row === "B" && s.number === 3)!;
      const booking = await createReservation(db, {
        showtime: past,
        seatIds: [a1.id, b3.id],
        status: "CONFIRMED",
      });

      // A1 becomes premium, rows A and B keep their seats (and ids), row C is new.
      const updated = await as(admin).hall.update({ id: hall.id, layout: ["PPS", "SSS", "WC"] });
      expect(updated.capacity).toBe(8);
      expect(updated.seats.find((s) => s.label === "A1")).toMatchObject({
        id: a1.id,
        kind: "PREMIUM",
      });
      expect(updated.seats.find((s) => s.label === "B3")?.id).toBe(b3.id);
      const stillBooked = await db.reservationSeat.findMany({
        where: { reservationId: booking.id },
      });
      expect(stillBooked.map((s) => s.seatId).sort()).toEqual([a1.id, b3.id].sort());

      // Dropping row B would delete B3, which has a booking on record.
      const error = await rejection(as(admin).hall.update({ id: hall.id, layout: ["PPS"] }));
      expect(error.code).toBe("CONFLICT");
      expect(details(error).seats).toEqual(["B3"]);
      expect((await db.hall.findUniqueOrThrow({ where: { id: hall.id } })).layout).toEqual([
        "PPS",
        "SSS",
        "WC",
      ]);
      expect(await db.seat.count({ where: { hallId: hall.id } })).toBe(8);

      // Unbooked seats can go.
      const shrunk = await as(admin).hall.update({ id: hall.id, layout: ["PP", "SSS"] });
      expect(shrunk.seats.map((s) => s.label)).toEqual(["A1", "A2", "B1", "B2", "B3"]);
      expect(shrunk.seats.find((s) => s.label === "B3")?.id).toBe(b3.id);
      expect(await db.seat.count({ where: { hallId: hall.id } })).toBe(5);
    });

    it("refuses a layout change while upcoming showtimes have live reservations", async () => {
      const db = getDb().prisma;
      const movie = await createMovie(db, { title: "Busy Night" });
      const hall = await createHall(db, { layout: ["SSSS"] });
      const upcoming = await createShowtime(db, { movie, hall, startsAt: hours(3) });
      await createReservation(db, {
        showtime: upcoming,
        seatIds: [hall.seats[0]!.id],
        status: "HELD",
      });
      const error = await rejection(
        as(admin).hall.update({ id: hall.id, layout: ["SSSS", "SSSS"] }),
      );
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toContain("Busy Night");
      expect((details(error).showtimes as { id: string }[]).map((s) => s.id)).toEqual([
        upcoming.id,
      ]);
      expect(await db.seat.count({ where: { hallId: hall.id } })).toBe(4);
      // A rename alone is fine.
      const renamed = await as(admin).hall.update({ id: hall.id, name: unique("Renamed") });
      expect(renamed.capacity).toBe(4);
    });

    it("deletes a hall only without upcoming showtimes or live bookings", async () => {
      const db = getDb().prisma;
      const movie = await createMovie(db, { title: "Coming Soon" });
      const busy = await createHall(db);
      const upcoming = await createShowtime(db, { movie, hall: busy, startsAt: hours(40) });
      const error = await rejection(as(admin).hall.delete({ id: busy.id }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toContain("Coming Soon");
      expect((details(error).showtimes as { id: string }[]).map((s) => s.id)).toEqual([
        upcoming.id,
      ]);
      expect(await db.hall.count({ where: { id: busy.id } })).toBe(1);

      const booked = await createHall(db);
      const past = await createShowtime(db, { movie, hall: booked, startsAt: hours(-40) });
      await createReservation(db, {
        showtime: past,
        seatIds: [booked.seats[0]!.id],
        status: "CONFIRMED",
      });
      expect((await rejection(as(admin).hall.delete({ id: booked.id }))).code).toBe("CONFLICT");
      expect(await db.hall.count({ where: { id: booked.id } })).toBe(1);

      const quiet = await createHall(db);
      const old = await createShowtime(db, { movie, hall: quiet, startsAt: hours(-40) });
      const dropped = await createShowtime(db, {
        movie,
        hall: quiet,
        startsAt: hours(60),
        status: "CANCELLED",
      });
      expect(await as(admin).hall.delete({ id: quiet.id })).toEqual({ id: quiet.id });
      expect(await db.hall.count({ where: { id: quiet.id } })).toBe(0);
      expect(await db.seat.count({ where: { hallId: quiet.id } })).toBe(0);
      expect(await db.showtime.count({ where: { id: { in: [old.id, dropped.id] } } })).toBe(0);
      expect((await rejection(as(admin).hall.delete({ id: quiet.id }))).code).toBe("NOT_FOUND");
    });
  });
});
