// showtime.overlaps, the schedule form's live warning: admins only, and it answers exactly
// what showtime.create then does (the same overlap rule, cleaning break included).
import { describeEachDatabase } from "@marquee/db/testing";
import { beforeAll, expect, it } from "vitest";
import { fieldErrors, rejection } from "../test/assertions";
import { callerFor, createHall, createMovie, createUser, type Actor } from "../test/factories";

const now = new Date("2026-03-01T12:00:00.000Z");
const paris = { timeZone: "Europe/Paris", cleaningMinutes: 15, currency: "EUR" };

describeEachDatabase("showtime.overlaps", (getDb) => {
  let admin: Actor;
  let guest: Actor;
  const as = (who: Actor | null) => callerFor(getDb().prisma, who, { now, config: paris });

  beforeAll(async () => {
    admin = await createUser(getDb().prisma, { role: "ADMIN", now });
    guest = await createUser(getDb().prisma, { now });
  });

  it("is for admins only: a guest is refused, a signed-out caller is asked to sign in", async () => {
    const db = getDb().prisma;
    const [movie, hall] = await Promise.all([createMovie(db), createHall(db)]);
    const input = { hallId: hall.id, movieId: movie.id, startsAt: "2026-03-20T20:00:00+01:00" };
    expect((await rejection(as(guest).showtime.overlaps(input))).code).toBe("FORBIDDEN");
    expect((await rejection(as(null).showtime.overlaps(input))).code).toBe("UNAUTHORIZED");
    expect((await as(admin).showtime.overlaps(input)).free).toBe(true);
  });

  it("names what is in the way with cinema-local times, and agrees with create", async () => {
    const db = getDb().prisma;
    const [movie, hall] = await Promise.all([
      createMovie(db, { title: "Paper Tigers", durationMinutes: 100 }),
      createHall(db, { name: "Hall Overlap" }),
    ]);
    const first = await as(admin).showtime.create({
      movieId: movie.id,
      hallId: hall.id,
      startsAt: "2026-03-21T18:00:00+01:00",
      prices: { STANDARD: 1000 },
    });
    // 18:00-19:40 local, busy until 19:55 (15-minute break).
    const check = await as(admin).showtime.overlaps({
      hallId: hall.id,
      movieId: movie.id,
      startsAt: "2026-03-21T19:50:00+01:00",
    });
    expect(check).toEqual({
      free: false,
      hall: { id: hall.id, name: "Hall Overlap" },
      startsAt: "2026-03-21T18:50:00.000Z",
      endsAt: "2026-03-21T20:30:00.000Z",
      busyUntil: "2026-03-21T20:45:00.000Z",
      cleaningMinutes: 15,
      conflicts: [
        {
          id: first.id,
          title: "Paper Tigers",
          startsAt: first.startsAt,
          endsAt: first.endsAt,
          busyUntil: first.busyUntil,
          localDate: "2026-03-21",
          localTime: "18:00",
          localEndTime: "19:40",
        },
      ],
    });

    // Every candidate start: the warning says "free" exactly when create then succeeds.
    const starts = ["16:00", "16:30", "17:55", "19:54", "19:55", "21:00"];
    for (const time of starts) {
      const startsAt = `2026-03-21T${time}:00+01:00`;
      const { free } = await as(admin).showtime.overlaps({
        hallId: hall.id,
        movieId: movie.id,
        startsAt,
      });
      const created = await as(admin)
        .showtime.create({ movieId: movie.id, hallId: hall.id, startsAt, prices: { STANDARD: 1 } })
        .then(
          async (s) => {
            await as(admin).showtime.delete({ id: s.id });
            return true;
          },
          () => false,
        );
      expect({ time, free }).toEqual({ time, free: created });
    }
  });

  it("takes a duration instead of a film, and leaves out the showtime being moved", async () => {
    const db = getDb().prisma;
    const [movie, hall] = await Promise.all([
      createMovie(db, { durationMinutes: 90 }),
      createHall(db),
    ]);
    const existing = await as(admin).showtime.create({
      movieId: movie.id,
      hallId: hall.id,
      startsAt: "2026-03-22T20:00:00+01:00",
      prices: { STANDARD: 1000 },
    });
    const short = await as(admin).showtime.overlaps({
      hallId: hall.id,
      durationMinutes: 30,
      startsAt: "2026-03-22T19:15:00+01:00",
    });
    expect(short.free).toBe(true);
    const long = await as(admin).showtime.overlaps({
      hallId: hall.id,
      durationMinutes: 60,
      startsAt: "2026-03-22T19:15:00+01:00",
    });
    expect(long.conflicts.map((c) => c.id)).toEqual([existing.id]);
    const itself = await as(admin).showtime.overlaps({
      hallId: hall.id,
      movieId: movie.id,
      startsAt: "2026-03-22T20:30:00+01:00",
      excludeId: existing.id,
    });
    expect(itself.free).toBe(true);
  });

  it("refuses unclear input and unknown rows with a message naming the problem", async () => {
    const db = getDb().prisma;
    const [movie, hall] = await Promise.all([createMovie(db), createHall(db)]);
    const startsAt = "2026-03-23T20:00:00+01:00";
    const neither = await rejection(as(admin).showtime.overlaps({ hallId: hall.id, startsAt }));
    expect(fieldErrors(neither)).toEqual({ movieId: ["give either movieId or durationMinutes"] });
    const both = await rejection(
      as(admin).showtime.overlaps({
        hallId: hall.id,
        startsAt,
        movieId: movie.id,
        durationMinutes: 90,
      }),
    );
    expect(both.code).toBe("BAD_REQUEST");
    const missing = "00000000-0000-4000-8000-000000000000";
    const noHall = await rejection(
      as(admin).showtime.overlaps({ hallId: missing, movieId: movie.id, startsAt }),
    );
    expect(noHall.code).toBe("NOT_FOUND");
    expect(noHall.message).toBe(`No hall with id ${missing}`);
  });
});
