// Showtimes through the router: scheduling rules (past starts, unknown rows, overlaps with the
// cleaning break, enforced by the database also under concurrency), cinema-local dates across
// DST, keyset pagination, and what update, cancel and delete do to reservations.
import { describeEachDatabase } from "@marquee/db/testing";
import { type inferProcedureInput } from "@trpc/server";
import { beforeAll, expect, it } from "vitest";
import { type AppRouter } from "../root";
import { details, fieldErrors, rejection } from "../test/assertions";
import {
  callerFor,
  createHall,
  createMovie,
  createReservation,
  createShowtime,
  createUser,
  type Actor,
} from "../test/factories";

type CreateInput = inferProcedureInput<AppRouter["showtime"]["create"]>;
type ListInput = inferProcedureInput<AppRouter["showtime"]["list"]>;

const now = new Date("2026-03-01T12:00:00.000Z");
const paris = { timeZone: "Europe/Paris", cleaningMinutes: 15, currency: "EUR" };

describeEachDatabase("showtimes", (getDb, provider) => {
  let admin: Actor;
  let guest: Actor;
  const as = (who: Actor | null, config: object = paris) =>
    callerFor(getDb().prisma, who, { now, config });

  beforeAll(async () => {
    admin = await createUser(getDb().prisma, { role: "ADMIN", now });
    guest = await createUser(getDb().prisma, { now });
  });

  it("creates a showtime: end, cleaning break, local date, default prices, capacity", async () => {
    const db = getDb().prisma;
    const [movie, hall] = await Promise.all([
      createMovie(db, { title: "Cold Front", durationMinutes: 118 }),
      createHall(db, { layout: ["SSPP", "WC_S"] }),
    ]);
    const input: CreateInput = {
      movieId: movie.id,
      hallId: hall.id,
      startsAt: "2026-03-14T20:30:00+01:00",
      prices: { STANDARD: 1200, PREMIUM: 1650 },
    };
    const created = await as(admin, {
      ...paris,
      cleaningMinutes: 20,
      currency: "CHF",
    }).showtime.create(input);
    expect(created).toEqual({
      id: expect.any(String),
      movie: {
        id: movie.id,
        title: "Cold Front",
        durationMinutes: 118,
        rating: null,
        posterUrl: null,
      },
      hall: { id: hall.id, name: hall.name },
      startsAt: "2026-03-14T19:30:00.000Z",
      endsAt: "2026-03-14T21:28:00.000Z",
      busyUntil: "2026-03-14T21:48:00.000Z",
      localDate: "2026-03-14",
      localTime: "20:30",
      status: "SCHEDULED",
      cancelledReason: null,
      cancelledAt: null,
      prices: { STANDARD: 1200, PREMIUM: 1650, WHEELCHAIR: 1200, COMPANION: 1200 },
      currency: "CHF",
      capacity: 7,
      seatsAvailable: 7,
    });
    expect(await db.showtime.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      busyUntil: new Date("2026-03-14T21:48:00.000Z"),
      priceWheelchair: 1200,
      currency: "CHF",
    });
    expect(await as(null).showtime.byId({ id: created.id })).toEqual({ ...created });
  });

  it.each([
    ["negative price", { prices: { STANDARD: -1 } }, "prices.STANDARD"],
    ["fractional price", { prices: { STANDARD: 12.5 } }, "prices.STANDARD"],
    ["negative premium", { prices: { STANDARD: 100, PREMIUM: -5 } }, "prices.PREMIUM"],
    ["missing STANDARD", { prices: { PREMIUM: 100 } }, "prices.STANDARD"],
    ["unknown seat kind", { prices: { STANDARD: 100, VIP: 2000 } }, "prices"],
    ["start without offset", { startsAt: "2026-03-14T20:30:00" }, "startsAt"],
    ["start that is not a date", { startsAt: "next friday" }, "startsAt"],
    ["malformed movie id", { movieId: "abc" }, "movieId"],
  ])("create rejects a %s at its field", async (_name, change, field) => {
    const valid = {
      movieId: "01900000-0000-7000-8000-000000000001",
      hallId: "01900000-0000-7000-8000-000000000002",
      startsAt: "2026-03-14T20:30:00+01:00",
      prices: { STANDARD: 1200 },
    };
    const error = await rejection(
      as(admin).showtime.create({ ...valid, ...change } as unknown as CreateInput),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(fieldErrors(error))).toEqual([field]);
  });

  it.each([
    ["list", { limit: 0 }, "limit"],
    ["list", { limit: 101 }, "limit"],
    ["list", { date: "2026-13-01" }, "date"],
    ["list", { from: "yesterday" }, "from"],
    ["cancel", { id: "01900000-0000-7000-8000-000000000001", reason: "  " }, "reason"],
    [
      "update",
      { id: "01900000-0000-7000-8000-000000000001", prices: { STANDARD: -3 } },
      "prices.STANDARD",
    ],
    ["delete", { id: "x" }, "id"],
  ] as const)("%s rejects %j at %s", async (procedure, input, field) => {
    const caller = as(admin).showtime as unknown as Record<
      string,
      (i: unknown) => Promise<unknown>
    >;
    const error = await rejection(caller[procedure]!(input));
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(fieldErrors(error))).toEqual([field]);
  });

  it("rejects a start in the past and unknown movies or halls, naming them", async () => {
    const db = getDb().prisma;
    const [movie, hall] = await Promise.all([createMovie(db), createHall(db)]);
    const before = await db.showtime.count();
    const base = { movieId: movie.id, hallId: hall.id, prices: { STANDARD: 1000 } };

    const past = await rejection(
      as(admin).showtime.create({ ...base, startsAt: "2026-03-01T11:59:00Z" }),
    );
    expect(past.code).toBe("BAD_REQUEST");
    expect(past.message).toMatch(/past/);
    expect(details(past)).toMatchObject({ field: "startsAt" });

    const missing = "01900000-0000-7000-8000-00000000abcd";
    const noMovie = await rejection(
      as(admin).showtime.create({ ...base, movieId: missing, startsAt: "2026-03-20T18:00:00Z" }),
    );
    expect(noMovie.code).toBe("NOT_FOUND");
    expect(noMovie.message).toBe(`No movie with id ${missing}`);
    const noHall = await rejection(
      as(admin).showtime.create({ ...base, hallId: missing, startsAt: "2026-03-20T18:00:00Z" }),
    );
    expect(noHall.code).toBe("NOT_FOUND");
    expect(noHall.message).toBe(`No hall with id ${missing}`);
    expect(await db.showtime.count()).toBe(before);
  });

  it("rejects overlaps, the cleaning break included, naming the showtime in the way", async () => {
    const db = getDb().prisma;
    const [movie, hall, otherHall] = await Promise.all([
      createMovie(db, { title: "Paper Tigers", durationMinutes: 100 }),
      createHall(db),
      createHall(db),
    ]);
    const create = (startsAt: string, hallId = hall.id) =>
      as(admin).showtime.create({
        movieId: movie.id,
        hallId,
        startsAt,
        prices: { STANDARD: 1000 },
      });
    // 18:00-19:40 local, hall busy until 19:55.
    const first = await create("2026-03-21T18:00:00+01:00");

    const inBreak = await rejection(create("2026-03-21T19:50:00+01:00"));
    expect(inBreak.code).toBe("CONFLICT");
    expect(inBreak.message).toContain(`"Paper Tigers" 18:00–19:40 on 2026-03-21`);
    expect(inBreak.message).toContain("15-minute cleaning break");
    expect((details(inBreak).showtimes as { id: string }[]).map((c) => c.id)).toEqual([first.id]);

    // Ends (with its own break) into the first one.
    const before = await rejection(create("2026-03-21T16:30:00+01:00"));
    expect(before.code).toBe("CONFLICT");

    // Back to back is fine, as is the same time in another hall.
    const next = await create("2026-03-21T19:55:00+01:00");
    const elsewhere = await create("2026-03-21T18:00:00+01:00", otherHall.id);
    expect(await db.showtime.count({ where: { hallId: hall.id } })).toBe(2);
    expect(next.startsAt).toBe(first.busyUntil);
    expect(elsewhere.hall.id).toBe(otherHall.id);

    // A longer cleaning break moves the boundary.
    const strict = await rejection(
      as(admin, { ...paris, cleaningMinutes: 30 }).showtime.create({
        movieId: movie.id,
        hallId: hall.id,
        startsAt: "2026-03-21T16:00:00+01:00",
        prices: { STANDARD: 1000 },
      }),
    );
    expect(strict.code).toBe("CONFLICT");
    expect(strict.message).toContain("30-minute cleaning break");
    // With 15 minutes, 16:00-17:40 + 15 = 17:55 fits before 18:00.
    await create("2026-03-21T16:00:00+01:00");
    expect(await db.showtime.count({ where: { hallId: hall.id } })).toBe(3);
  });

  if (provider === "postgresql") {
    it("lets exactly one of two concurrent overlapping creations win (the constraint decides)", async () => {
      const db = getDb().prisma;
      const [movie, hall] = await Promise.all([
        createMovie(db, { durationMinutes: 90 }),
        createHall(db),
      ]);
      for (let round = 0; round < 25; round += 1) {
        const day = new Date(Date.UTC(2026, 3, 10 + round));
        const at = (minutes: number) => new Date(day.getTime() + minutes * 60_000);
        const inputs: CreateInput[] = [at(18 * 60), at(18 * 60 + 30)].map((startsAt) => ({
          movieId: movie.id,
          hallId: hall.id,
          startsAt: startsAt.toISOString(),
          prices: { STANDARD: 900 },
        }));
        // Two admins, two callers, same moment.
        const results = await Promise.allSettled(
          inputs.map((input) => as(admin).showtime.create(input)),
        );
        const won = results.filter((r) => r.status === "fulfilled");
        const lost = results.filter((r) => r.status === "rejected");
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        // The overlap, named, even when PostgreSQL picked the loser as a deadlock victim.
        expect(lost[0]!.reason).toMatchObject({
          code: "CONFLICT",
          message: expect.stringContaining("is not free then") as unknown,
        });
        const stored = await db.showtime.count({
          where: { hallId: hall.id, startsAt: { gte: day, lt: at(24 * 60) } },
        });
        expect(stored).toBe(1);
      }
    });
  }

  it("buckets by cinema-local date across both DST changes (Europe/Paris)", async () => {
    const db = getDb().prisma;
    const [movie, hallA, hallB] = await Promise.all([
      createMovie(db, { title: "Night Owls", durationMinutes: 30 }),
      createHall(db),
      createHall(db),
    ]);
    const starts = {
      // 29 March 2026 has 23 hours: 00:00 is 23:00Z on the 28th, 23:30 is 21:30Z.
      "2026-03-28 23:30": ["2026-03-28T23:30:00+01:00", hallA.id],
      "2026-03-29 00:30": ["2026-03-29T00:30:00+01:00", hallB.id],
      "2026-03-29 23:30": ["2026-03-29T23:30:00+02:00", hallA.id],
      "2026-03-30 00:30": ["2026-03-30T00:30:00+02:00", hallB.id],
      // 25 October 2026 has 25 hours: 00:00 is 22:00Z on the 24th, 23:30 is 22:30Z.
      "2026-10-24 23:30": ["2026-10-24T23:30:00+02:00", hallA.id],
      "2026-10-25 00:30": ["2026-10-25T00:30:00+02:00", hallB.id],
      "2026-10-25 23:30": ["2026-10-25T23:30:00+01:00", hallA.id],
      "2026-10-26 00:30": ["2026-10-26T00:30:00+01:00", hallB.id],
    } as const;
    const ids: Record<string, string> = {};
    for (const [label, [startsAt, hallId]] of Object.entries(starts)) {
      const s = await as(admin).showtime.create({
        movieId: movie.id,
        hallId,
        startsAt,
        prices: { STANDARD: 800 },
      });
      ids[label] = s.id;
      expect(`${s.localDate} ${s.localTime}`).toBe(label);
    }
    const day = async (date: string, config: object = paris) =>
      (await as(null, config).showtime.list({ date, movieId: movie.id })).items.map((s) => s.id);

    expect(await day("2026-03-29")).toEqual([ids["2026-03-29 00:30"], ids["2026-03-29 23:30"]]);
    expect(await day("2026-03-30")).toEqual([ids["2026-03-30 00:30"]]);
    expect(await day("2026-10-25")).toEqual([ids["2026-10-25 00:30"], ids["2026-10-25 23:30"]]);
    expect(await day("2026-10-24")).toEqual([ids["2026-10-24 23:30"]]);
    // The same instants grouped by UTC days differ: proof the zone is what decides.
    expect(await day("2026-03-29", { timeZone: "UTC" })).toEqual([
      ids["2026-03-29 23:30"],
      ids["2026-03-30 00:30"],
    ]);
  });

  it("paginates by (start, id) without skipping or repeating while showtimes are added", async () => {
    const db = getDb().prisma;
    const movie = await createMovie(db, { durationMinutes: 60 });
    const halls = await Promise.all([createHall(db), createHall(db), createHall(db)]);
    const at = (h: number) => new Date(Date.UTC(2026, 4, 1, h));
    // Three showtimes share each start (one per hall), so ties are broken by id.
    for (const h of [10, 12, 14]) {
      for (const hall of halls) await createShowtime(db, { movie, hall, startsAt: at(h) });
    }
    const extra = await createHall(db);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const input: ListInput = { movieId: movie.id, limit: 2, ...(cursor ? { cursor } : {}) };
      const page = await as(null).showtime.list(input);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
      pages += 1;
      if (pages === 2) {
        // Before the cursor (must not appear), at the cursor's start (after it by id or not),
        // and later (must appear).
        await createShowtime(db, { movie, hall: extra, startsAt: at(8) });
        await createShowtime(db, { movie, hall: extra, startsAt: at(16) });
      }
    } while (cursor);
    const expected = await db.showtime.findMany({
      where: { movieId: movie.id, startsAt: { not: at(8) } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    });
    expect(seen).toEqual(expected.map((s) => s.id));
    expect(new Set(seen).size).toBe(10);
    expect(pages).toBe(5);

    const bad = await rejection(as(null).showtime.list({ cursor: "bm90IGEgY3Vyc29y" }));
    expect(bad.code).toBe("BAD_REQUEST");
    const windowed = await as(null).showtime.list({
      movieId: movie.id,
      from: "2026-05-01T12:00:00Z",
      to: "2026-05-01T14:00:00Z",
    });
    expect(windowed.items.map((s) => s.startsAt)).toEqual(Array(3).fill(at(12).toISOString()));
    expect(windowed.nextCursor).toBeNull();
  });

  it("updates prices without touching existing reservations", async () => {
    const db = getDb().prisma;
    const [movie, hall] = await Promise.all([createMovie(db), createHall(db)]);
    const show = await createShowtime(db, { movie, hall, startsAt: "2026-03-10T18:00:00Z" });
    const booking = await createReservation(db, {
      showtime: show,
      seatIds: [hall.seats[0]!.id, hall.seats[1]!.id],
      status: "CONFIRMED",
      user: guest,
      price: 1000,
    });
    const updated = await as(admin).showtime.update({
      id: show.id,
      prices: { STANDARD: 1400, COMPANION: 700 },
    });
    expect(updated.prices).toEqual({
      STANDARD: 1400,
      PREMIUM: 1400,
      WHEELCHAIR: 1400,
      COMPANION: 700,
    });
    expect(updated.startsAt).toBe(show.startsAt.toISOString());
    const after = await db.reservation.findUniqueOrThrow({
      where: { id: booking.id },
      include: { seats: true },
    });
    expect(after.total).toBe(2000);
    expect(after.seats.map((s) => s.price)).toEqual([1000, 1000]);
    expect(after.status).toBe("CONFIRMED");
  });

  it("reschedules when nothing conflicts, and refuses the past, overlaps and booked moves", async () => {
    const db = getDb().prisma;
    const [movie, longer, hall, otherHall] = await Promise.all([
      createMovie(db, { title: "Bramble & Fox", durationMinutes: 60 }),
      createMovie(db, { title: "The Cartographer", durationMinutes: 170 }),
      createHall(db),
      createHall(db),
    ]);
    const create = (startsAt: string) =>
      as(admin).showtime.create({
        movieId: movie.id,
        hallId: hall.id,
        startsAt,
        prices: { STANDARD: 1000 },
      });
    const a = await create("2026-03-12T14:00:00Z");
    const b = await create("2026-03-12T18:00:00Z");

    const moved = await as(admin).showtime.update({ id: a.id, startsAt: "2026-03-12T15:00:00Z" });
    expect(moved).toMatchObject({
      startsAt: "2026-03-12T15:00:00.000Z",
      endsAt: "2026-03-12T16:00:00.000Z",
      busyUntil: "2026-03-12T16:15:00.000Z",
    });
    // A longer film ends inside b.
    const clash = await rejection(as(admin).showtime.update({ id: a.id, movieId: longer.id }));
    expect(clash.code).toBe("CONFLICT");
    expect(clash.message).toContain("Bramble & Fox");
    expect((details(clash).showtimes as { id: string }[]).map((c) => c.id)).toEqual([b.id]);
    const row = await db.showtime.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({ movieId: movie.id, endsAt: new Date("2026-03-12T16:00:00Z") });

    const past = await rejection(
      as(admin).showtime.update({ id: a.id, startsAt: "2026-02-28T15:00:00Z" }),
    );
    expect(past.code).toBe("BAD_REQUEST");

    const toOtherHall = await as(admin).showtime.update({
      id: a.id,
      hallId: otherHall.id,
      movieId: longer.id,
    });
    expect(toOtherHall).toMatchObject({ hall: { id: otherHall.id }, movie: { id: longer.id } });

    await createReservation(db, {
      showtime: { id: b.id, hallId: hall.id },
      seatIds: [hall.seats[0]!.id],
      status: "HELD",
    });
    const booked = await rejection(as(admin).showtime.update({ id: b.id, hallId: otherHall.id }));
    expect(booked.code).toBe("CONFLICT");
    expect((await db.showtime.findUniqueOrThrow({ where: { id: b.id } })).hallId).toBe(hall.id);
    // Moving the time of a booked showtime is allowed.
    const later = await as(admin).showtime.update({ id: b.id, startsAt: "2026-03-12T19:00:00Z" });
    expect(later.startsAt).toBe("2026-03-12T19:00:00.000Z");
  });

  it("cancels a showtime with its live reservations in one go, freeing the seats and the slot", async () => {
    const db = getDb().prisma;
    const [movie, hall] = await Promise.all([
      createMovie(db, { durationMinutes: 90 }),
      createHall(db),
    ]);
    const show = await createShowtime(db, { movie, hall, startsAt: "2026-03-15T18:00:00Z" });
    const other = await createShowtime(db, { movie, hall, startsAt: "2026-03-16T18:00:00Z" });
    const [s1, s2, s3, s4] = hall.seats;
    const held = await createReservation(db, {
      showtime: show,
      seatIds: [s1!.id],
      status: "HELD",
      user: guest,
    });
    const confirmed = await createReservation(db, {
      showtime: show,
      seatIds: [s2!.id, s3!.id],
      status: "CONFIRMED",
      user: guest,
    });
    const expired = await createReservation(db, {
      showtime: show,
      seatIds: [s4!.id],
      status: "EXPIRED",
    });
    const elsewhere = await createReservation(db, {
      showtime: other,
      seatIds: [s1!.id],
      status: "CONFIRMED",
    });
    expect((await as(null).showtime.byId({ id: show.id })).seatsAvailable).toBe(4);

    const result = await as(admin).showtime.cancel({ id: show.id, reason: "  Projector fault " });
    expect(result).toMatchObject({
      status: "CANCELLED",
      cancelledReason: "Projector fault",
      cancelledAt: now.toISOString(),
      cancelledReservations: 2,
      seatsAvailable: 7,
    });
    const reservations = await db.reservation.findMany({
      where: { id: { in: [held.id, confirmed.id, expired.id, elsewhere.id] } },
    });
    const byId = new Map(reservations.map((r) => [r.id, r]));
    expect(byId.get(held.id)).toMatchObject({ status: "CANCELLED", cancelledAt: now });
    expect(byId.get(confirmed.id)).toMatchObject({ status: "CANCELLED", cancelledAt: now });
    expect(byId.get(expired.id)).toMatchObject({ status: "EXPIRED", cancelledAt: null });
    expect(byId.get(elsewhere.id)).toMatchObject({ status: "CONFIRMED" });
    expect(await db.reservationSeat.count({ where: { showtimeId: show.id, live: true } })).toBe(0);
    expect(await db.reservationSeat.count({ where: { showtimeId: other.id, live: true } })).toBe(1);
    // Guests see why (through the showtime their booking points at).
    const seenByGuest = await db.reservation.findUniqueOrThrow({
      where: { id: confirmed.id },
      select: { showtime: { select: { cancelledReason: true } } },
    });
    expect(seenByGuest.showtime.cancelledReason).toBe("Projector fault");
    // The seats could be booked again and the slot rescheduled: the constraint ignores it.
    const replacement = await as(admin).showtime.create({
      movieId: movie.id,
      hallId: hall.id,
      startsAt: "2026-03-15T18:00:00Z",
      prices: { STANDARD: 900 },
    });
    expect(replacement.status).toBe("SCHEDULED");

    expect(
      (await rejection(as(admin).showtime.cancel({ id: show.id, reason: "again" }))).code,
    ).toBe("CONFLICT");
    const frozen = await rejection(
      as(admin).showtime.update({ id: show.id, prices: { STANDARD: 1 } }),
    );
    expect(frozen.code).toBe("CONFLICT");
    expect(
      (await as(null).showtime.list({ movieId: movie.id, date: "2026-03-15" })).items.map(
        (s) => s.id,
      ),
    ).toEqual([replacement.id]);
    expect(
      (
        await as(null).showtime.list({
          movieId: movie.id,
          date: "2026-03-15",
          includeCancelled: true,
        })
      ).items.length,
    ).toBe(2);
  });

  it("deletes a showtime only if it never had reservations", async () => {
    const db = getDb().prisma;
    const [movie, hall] = await Promise.all([createMovie(db), createHall(db)]);
    const clean = await createShowtime(db, { movie, hall, startsAt: "2026-03-17T18:00:00Z" });
    const used = await createShowtime(db, { movie, hall, startsAt: "2026-03-18T18:00:00Z" });
    await createReservation(db, {
      showtime: used,
      seatIds: [hall.seats[0]!.id],
      status: "EXPIRED",
    });

    expect(await as(admin).showtime.delete({ id: clean.id })).toEqual({ id: clean.id });
    expect(await db.showtime.count({ where: { id: clean.id } })).toBe(0);
    const error = await rejection(as(admin).showtime.delete({ id: used.id }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/cancel it instead/);
    expect(await db.showtime.count({ where: { id: used.id } })).toBe(1);
    expect((await rejection(as(admin).showtime.delete({ id: clean.id }))).code).toBe("NOT_FOUND");
  });
});
