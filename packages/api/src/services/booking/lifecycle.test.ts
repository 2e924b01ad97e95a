// One definition of "live": every figure a client can read agrees with the seat map while
// expired (not yet swept) and cancelled reservations are present, and ended reservations
// never block deleting a film or a hall. On PGlite and PostgreSQL.
import { isLive, localDateOf, type ReservationStatus } from "@marquee/domain";
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { liveReservationSql, liveReservationWhere } from "./lifecycle";
import { sweepExpiredHolds } from "./sweep-expired-holds";
import { callerFor, createCinema, createReservation, createUser } from "../../test/factories";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = new Date("2031-03-10T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachDatabase("reservation lifecycle", (getDb) => {
  async function bookedShowtime() {
    const db = getDb().prisma;
    const cinema = await createCinema(db, ["SSSSSSSSSS", "SSSSSSSSSS"]);
    const show = await cinema.showtime(at(5 * HOUR));
    const [alice, bob, carol, admin] = await Promise.all([
      createUser(db, { now: T0 }),
      createUser(db, { now: T0 }),
      createUser(db, { now: T0 }),
      createUser(db, { role: "ADMIN", now: T0 }),
    ]);
    const as = (actor: typeof alice, now = T0) => callerFor(db, actor, { now });
    // Alice's hold lapses; Bob buys two seats; Carol holds one and cancels it.
    await as(alice).reservation.hold({ showtimeId: show.id, seatIds: [cinema.seat("A1")] });
    const bobs = await as(bob).reservation.hold({
      showtimeId: show.id,
      seatIds: [cinema.seat("B1"), cinema.seat("B2")],
    });
    await as(bob).reservation.confirm({ reservationId: bobs.id });
    const carols = await as(carol).reservation.hold({
      showtimeId: show.id,
      seatIds: [cinema.seat("A5")],
    });
    await as(carol).reservation.cancel({ reservationId: carols.id });
    return { db, cinema, show, alice, admin, as };
  }

  it("counts the same free seats in the seat map, every list and the report", async () => {
    const { cinema, show, admin, as } = await bookedShowtime();
    const later = at(11 * MIN); // Alice's hold has lapsed; nobody has swept it.
    const caller = as(admin, later);
    const map = await caller.showtime.seatMap({ showtimeId: show.id });
    expect(map.counts).toEqual({ AVAILABLE: 18, HELD: 0, SOLD: 2, MINE: 0 });

    const date = localDateOf(show.startsAt, "UTC");
    const listed = (await caller.showtime.list({ date })).items.find((s) => s.id === show.id);
    expect(listed?.seatsAvailable).toBe(map.counts.AVAILABLE);
    expect((await caller.showtime.byId({ id: show.id })).seatsAvailable).toBe(18);
    const film = await caller.movie.byId({ id: cinema.movie.id });
    expect(film.upcomingShowtimes.find((s) => s.id === show.id)?.seatsAvailable).toBe(18);

    const report = await caller.report.summary({ from: date, to: date });
    expect(report.showtimes.find((s) => s.showtimeId === show.id)).toMatchObject({
      capacity: 20,
      sold: map.counts.SOLD,
      held: map.counts.HELD,
      cancellations: 1,
    });

    // Before the deadline the hold counts everywhere alike.
    const early = as(admin, at(MIN));
    const before = await early.showtime.seatMap({ showtimeId: show.id });
    expect(before.counts).toEqual({ AVAILABLE: 17, HELD: 1, SOLD: 2, MINE: 0 });
    expect((await early.showtime.byId({ id: show.id })).seatsAvailable).toBe(17);
  });

  it("the sweep records lapsed holds as EXPIRED and changes no figure", async () => {
    const { db, show, admin, as } = await bookedShowtime();
    const later = at(11 * MIN);
    expect(await sweepExpiredHolds(db, later)).toBeGreaterThanOrEqual(1); // other tests share the db
    expect(await sweepExpiredHolds(db, later)).toBe(0);
    const caller = as(admin, later);
    expect((await caller.showtime.seatMap({ showtimeId: show.id })).counts.AVAILABLE).toBe(18);
    expect((await caller.showtime.byId({ id: show.id })).seatsAvailable).toBe(18);
    const statuses = await db.reservation.groupBy({
      by: ["status"],
      where: { showtimeId: show.id },
      _count: true,
    });
    expect(Object.fromEntries(statuses.map((s) => [s.status, s._count]))).toEqual({
      CONFIRMED: 1,
      CANCELLED: 1,
      EXPIRED: 1,
    });
  });

  it("cancelling a showtime cancels live reservations and records lapsed holds as expired", async () => {
    const { db, show, admin, as } = await bookedShowtime();
    const result = await as(admin, at(11 * MIN)).showtime.cancel({
      id: show.id,
      reason: "Projector broke",
    });
    expect(result.cancelledReservations).toBe(1); // Bob's booking; Alice's hold had lapsed
    const rows = await db.reservation.findMany({
      where: { showtimeId: show.id },
      select: { status: true, seats: { select: { live: true } } },
    });
    expect(rows.map((r) => r.status).sort()).toEqual(["CANCELLED", "CANCELLED", "EXPIRED"]);
    expect(rows.flatMap((r) => r.seats).every((s) => !s.live)).toBe(true);
  });

  it("deletes a film or a hall whose only reservations are expired holds", async () => {
    const db = getDb().prisma;
    const admin = await createUser(db, { role: "ADMIN", now: T0 });
    const alice = await createUser(db, { now: T0 });
    const film = await createCinema(db);
    const filmShow = await film.showtime(at(3 * HOUR));
    const hall = await createCinema(db);
    const hallShow = await hall.showtime(at(1 * HOUR));
    const holder = callerFor(db, alice, { now: T0 });
    await holder.reservation.hold({ showtimeId: filmShow.id, seatIds: [film.seat("A1")] });
    await holder.reservation.hold({ showtimeId: hallShow.id, seatIds: [hall.seat("A1")] });

    // While the holds are live, both deletions are refused and name the showtime.
    const early = callerFor(db, admin, { now: at(MIN) });
    await expect(early.movie.delete({ id: film.movie.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await db.movie.count({ where: { id: film.movie.id } })).toBe(1);

    // The film's hold lapsed (not swept): the film goes, its void reservation with it.
    const later = callerFor(db, admin, { now: at(11 * MIN) });
    expect(await later.movie.delete({ id: film.movie.id })).toEqual({ id: film.movie.id });
    expect(await db.showtime.count({ where: { id: filmShow.id } })).toBe(0);

    // The hall's showtime is over and its only reservation an expired hold: the hall goes.
    const afterShow = callerFor(db, admin, { now: at(5 * HOUR) });
    expect(await afterShow.hall.delete({ id: hall.hall.id })).toEqual({ id: hall.hall.id });
    expect(await db.hall.count({ where: { id: hall.hall.id } })).toBe(0);
  });

  it("defines live once: the Prisma where, the SQL fragment, the database and the domain agree", async () => {
    const db = getDb().prisma;
    const cinema = await createCinema(db);
    const show = await cinema.showtime(at(48 * HOUR));
    const now = at(HOUR);
    const cases: [ReservationStatus, Date | null][] = [
      ["HELD", at(HOUR + MIN)],
      ["HELD", now],
      ["HELD", at(HOUR - MIN)],
      ["CONFIRMED", null],
      ["CANCELLED", null],
      ["EXPIRED", at(HOUR - MIN)],
    ];
    const rows = [];
    for (const [i, [status, holdExpiresAt]] of cases.entries()) {
      const seat = cinema.hall.seats[i];
      if (!seat) throw new Error("the cinema has too few seats");
      const r = await createReservation(db, { showtime: show, seatIds: [seat.id], status });
      rows.push(await db.reservation.update({ where: { id: r.id }, data: { holdExpiresAt } }));
    }
    const byRule = rows.filter((r) => isLive(r, now)).map((r) => r.id);
    const byWhere = (
      await db.reservation.findMany({
        where: { showtimeId: show.id, ...liveReservationWhere(now) },
        select: { id: true },
      })
    ).map((r) => r.id);
    const bySql = (
      await db.$queryRaw<{ id: string }[]>`
        SELECT r.id FROM "Reservation" r
        WHERE r."showtimeId" = ${show.id}::uuid AND ${liveReservationSql("r", now)}`
    ).map((r) => r.id);
    const byFunction = (
      await db.$queryRaw<{ id: string }[]>`
        SELECT r.id FROM "Reservation" r
        WHERE r."showtimeId" = ${show.id}::uuid
          AND marquee_is_live(r.status, r."holdExpiresAt", ${now}::timestamptz)`
    ).map((r) => r.id);
    expect(byRule).toHaveLength(2); // the hold before its deadline, and the confirmed one
    expect([...byWhere].sort()).toEqual([...byRule].sort());
    expect([...bySql].sort()).toEqual([...byRule].sort());
    expect([...byFunction].sort()).toEqual([...byRule].sort());
  });
});
