// Booking rules through createCaller, on PGlite and PostgreSQL. Races live in
// booking.race.test.ts (PostgreSQL only).
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { details, rejection } from "../../test/assertions";
import {
  callerFor,
  CINEMA_PRICES as PRICES,
  createCinema,
  createUser,
  type Actor,
} from "../../test/factories";
import { createSeatMapCache } from "./seat-map-cache";
import { sweepExpiredHolds } from "./sweep-expired-holds";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = new Date("2030-06-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachDatabase("booking", (getDb) => {
  async function setup(startOffset = 48 * HOUR) {
    const db = getDb().prisma;
    const cinema = await createCinema(db);
    const show = await cinema.showtime(at(startOffset));
    const alice = await createUser(db, { now: T0 });
    const bob = await createUser(db, { now: T0 });
    const admin = await createUser(db, { role: "ADMIN", now: T0 });
    const as = (actor: Actor | null, now = T0, config = {}) =>
      callerFor(db, actor, { now, config });
    /** The actor holds the seats with these labels for `show`. */
    const hold = (actor: Actor, labels: string[], now = T0) =>
      as(actor, now).reservation.hold({ showtimeId: show.id, seatIds: labels.map(cinema.seat) });
    const live = async (showtimeId = show.id) =>
      (
        await db.reservationSeat.findMany({
          where: { showtimeId, live: true },
          select: { seat: { select: { row: true, number: true } } },
        })
      )
        .map((r) => `${r.seat.row}${r.seat.number}`)
        .sort();
    return { db, cinema, show, alice, bob, admin, as, hold, live };
  }

  it("holds several seats at once, priced by kind, until now + HOLD_MINUTES", async () => {
    const { show, alice, live, hold } = await setup();
    const r = await hold(alice, ["B2", "A1", "C1"]);
    expect(r).toMatchObject({
      status: "HELD",
      showtimeId: show.id,
      total: PRICES.PREMIUM + PRICES.STANDARD + PRICES.WHEELCHAIR,
      currency: "EUR",
      expiresAt: at(10 * MIN).toISOString(),
    });
    expect(r.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(r.seats.map((s) => [s.label, s.kind, s.price])).toEqual([
      ["A1", "STANDARD", 1200],
      ["B2", "PREMIUM", 1650],
      ["C1", "WHEELCHAIR", 900],
    ]);
    expect(await live()).toEqual(["A1", "B2", "C1"]);
  });

  it("is all or nothing: a taken seat fails the whole hold and names it", async () => {
    const { alice, bob, live, db, hold } = await setup();
    await hold(alice, ["A1"]);
    const error = await rejection(hold(bob, ["A3", "A1"]));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("A1 was just taken by someone else");
    expect(details(error)).toEqual({ reason: "SEATS_TAKEN", seats: ["A1"] });
    expect(await live()).toEqual(["A1"]);
    expect(await db.reservation.count({ where: { userId: bob.id } })).toBe(0);
  });

  it("rejects bad requests with a clear error and writes nothing", async () => {
    const { db, cinema, show, alice, as } = await setup();
    const other = await createCinema(db);
    const caller = as(alice, T0, { maxSeatsPerBooking: 3 });
    const cases: [unknown, string, RegExp][] = [
      [{ showtimeId: show.id, seatIds: [] }, "BAD_REQUEST", /at least one seat/],
      [
        { showtimeId: show.id, seatIds: [cinema.seat("A1"), cinema.seat("A1")] },
        "BAD_REQUEST",
        /chosen twice/,
      ],
      [{ showtimeId: show.id, seatIds: ["nope"] }, "BAD_REQUEST", /valid seat id/],
      [
        { showtimeId: show.id, seatIds: ["A1", "A2", "A3", "A4"].map(cinema.seat) },
        "BAD_REQUEST",
        /At most 3 seats per booking/,
      ],
      [
        { showtimeId: show.id, seatIds: [other.seat("A1")] },
        "BAD_REQUEST",
        /does not belong to this showtime's hall/,
      ],
      [
        { showtimeId: show.id, seatIds: ["0190f0f0-0000-7000-8000-000000000000"] },
        "BAD_REQUEST",
        /does not belong/,
      ],
      [
        { showtimeId: "0190f0f0-0000-7000-8000-000000000000", seatIds: [cinema.seat("A1")] },
        "NOT_FOUND",
        /No such showtime/,
      ],
    ];
    for (const [input, code, message] of cases) {
      const error = await rejection(caller.reservation.hold(input as never));
      expect(error.code, JSON.stringify(input)).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect(await db.reservation.count({ where: { userId: alice.id } })).toBe(0);
  });

  it("closes sales at the start (or the configured cutoff) and for cancelled showtimes", async () => {
    const { cinema, alice, as } = await setup();
    const soon = await cinema.showtime(at(20 * MIN));
    const past = await cinema.showtime(at(-5 * HOUR));
    const cancelled = await cinema.showtime(at(10 * HOUR), "CANCELLED");
    const seatIds = [cinema.seat("A1")];
    const caller = as(alice);
    expect(
      (await rejection(caller.reservation.hold({ showtimeId: past.id, seatIds }))).message,
    ).toBe("Ticket sales for this showtime have closed");
    expect(
      (await rejection(caller.reservation.hold({ showtimeId: cancelled.id, seatIds }))).message,
    ).toMatch(/cancelled/);
    const strict = as(alice, T0, { salesCutoffMinutes: 30 });
    expect((await rejection(strict.reservation.hold({ showtimeId: soon.id, seatIds }))).code).toBe(
      "CONFLICT",
    );
    expect((await caller.reservation.hold({ showtimeId: soon.id, seatIds })).status).toBe("HELD");
  });

  it("replaces the user's hold atomically and never moves its deadline later", async () => {
    const { alice, live, hold } = await setup();
    const first = await hold(alice, ["A1", "A2"]);
    const second = await hold(alice, ["A2", "A3"], at(7 * MIN));
    expect(second.id).toBe(first.id);
    expect(second.code).toBe(first.code);
    expect(second.expiresAt).toBe(first.expiresAt);
    expect(second.seats.map((s) => s.label)).toEqual(["A2", "A3"]);
    expect(second.total).toBe(2 * PRICES.STANDARD);
    expect(await live()).toEqual(["A2", "A3"]);
  });

  it("returns the same reservation for a retried idempotency key", async () => {
    const { db, cinema, show, alice, as } = await setup();
    const caller = as(alice);
    const input = {
      showtimeId: show.id,
      seatIds: [cinema.seat("A4")],
      idempotencyKey: "retry-key-123",
    };
    const a = await caller.reservation.hold(input);
    const b = await caller.reservation.hold(input);
    expect(b.id).toBe(a.id);
    expect(await db.reservation.count({ where: { userId: alice.id } })).toBe(1);
    const elsewhere = await createCinema(db);
    const otherShow = await elsewhere.showtime(at(30 * HOUR));
    const misuse = await rejection(
      caller.reservation.hold({
        ...input,
        showtimeId: otherShow.id,
        seatIds: [elsewhere.seat("A1")],
      }),
    );
    expect(misuse.code).toBe("CONFLICT");
  });

  it("confirms a hold; only its owner can; confirming twice is harmless", async () => {
    const { alice, bob, admin, as, hold } = await setup();
    const held = await hold(alice, ["A1"]);
    expect((await rejection(as(bob).reservation.confirm({ reservationId: held.id }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await rejection(as(admin).reservation.confirm({ reservationId: held.id }))).code).toBe(
      "NOT_FOUND",
    );
    const done = await as(alice, at(MIN)).reservation.confirm({ reservationId: held.id });
    expect(done).toMatchObject({
      status: "CONFIRMED",
      expiresAt: null,
      confirmedAt: at(MIN).toISOString(),
    });
    expect(
      (await as(alice, at(2 * MIN)).reservation.confirm({ reservationId: held.id })).status,
    ).toBe("CONFIRMED");
  });

  it("treats expired holds as free at read and write time, before any sweep", async () => {
    const { show, alice, bob, as, db, hold } = await setup();
    const held = await hold(alice, ["A1", "A2"]);
    const later = at(11 * MIN);
    const map = await as(null, later).showtime.seatMap({ showtimeId: show.id });
    expect(map.seats.find((s) => s.label === "A1")?.state).toBe("AVAILABLE");
    expect(map.counts.HELD).toBe(0);
    const mine = await as(alice, later).reservation.mine();
    expect(mine.items[0]).toMatchObject({ id: held.id, status: "EXPIRED", expiresAt: null });

    const taken = await hold(bob, ["A2"], later);
    expect(taken.status).toBe("HELD");
    expect((await db.reservation.findUniqueOrThrow({ where: { id: held.id } })).status).toBe(
      "EXPIRED",
    );

    const late = await rejection(
      as(alice, at(12 * MIN)).reservation.confirm({ reservationId: held.id }),
    );
    expect(late.code).toBe("PRECONDITION_FAILED");
    expect(late.message).toMatch(/A2 was taken meanwhile/);
    expect(details(late)).toEqual({ reason: "HOLD_EXPIRED", seats: ["A2"] });
    expect((await db.reservation.findUniqueOrThrow({ where: { id: held.id } })).status).toBe(
      "EXPIRED",
    );
  });

  it("honours a late confirm when every seat is still free, before and after the sweep", async () => {
    const { alice, as, db, live, hold } = await setup();
    const a = await hold(alice, ["B1"]);
    expect(
      (await as(alice, at(15 * MIN)).reservation.confirm({ reservationId: a.id })).status,
    ).toBe("CONFIRMED");
    const b = await hold(alice, ["B2"], at(20 * MIN));
    expect(await sweepExpiredHolds(db, at(31 * MIN))).toBeGreaterThanOrEqual(1);
    expect((await db.reservation.findUniqueOrThrow({ where: { id: b.id } })).status).toBe(
      "EXPIRED",
    );
    expect(await live()).toEqual(["B1"]);
    expect(
      (await as(alice, at(32 * MIN)).reservation.confirm({ reservationId: b.id })).status,
    ).toBe("CONFIRMED");
    expect(await live()).toEqual(["B1", "B2"]);
  });

  it("cancels before the show (owner or admin) and frees the seats at once", async () => {
    const { alice, bob, admin, as, live, hold } = await setup();
    const r = await hold(alice, ["A1"]);
    await as(alice).reservation.confirm({ reservationId: r.id });
    expect((await rejection(as(bob).reservation.cancel({ reservationId: r.id }))).code).toBe(
      "NOT_FOUND",
    );
    const cancelled = await as(alice, at(HOUR)).reservation.cancel({ reservationId: r.id });
    expect(cancelled).toMatchObject({ status: "CANCELLED", cancelledAt: at(HOUR).toISOString() });
    expect(await live()).toEqual([]);
    expect((await rejection(as(alice).reservation.cancel({ reservationId: r.id }))).code).toBe(
      "CONFLICT",
    );

    const again = await hold(bob, ["A1"]);
    expect((await as(admin).reservation.cancel({ reservationId: again.id })).status).toBe(
      "CANCELLED",
    );

    const third = await hold(bob, ["A1"]);
    await as(bob).reservation.confirm({ reservationId: third.id });
    const tooLate = await rejection(
      as(bob, at(49 * HOUR)).reservation.cancel({ reservationId: third.id }),
    );
    expect(tooLate.code).toBe("CONFLICT");
    expect(tooLate.message).toMatch(/has started/);
    expect(await live()).toEqual(["A1"]);
  });

  it("draws the seat map with states for the viewer and counts", async () => {
    const { show, alice, bob, as, hold } = await setup();
    const mine = await hold(alice, ["A1"]);
    await as(alice).reservation.confirm({ reservationId: mine.id });
    await hold(bob, ["A2"]);
    await hold(alice, ["A3"]);

    const forAlice = await as(alice).showtime.seatMap({ showtimeId: show.id });
    const state = (label: string) => forAlice.seats.find((s) => s.label === label)?.state;
    expect([state("A1"), state("A2"), state("A3"), state("A4")]).toEqual([
      "MINE",
      "HELD",
      "MINE",
      "AVAILABLE",
    ]);
    expect(forAlice.counts).toEqual({ AVAILABLE: 17, HELD: 1, SOLD: 0, MINE: 2 });
    const seat = forAlice.seats.find((s) => s.label === "B5");
    expect(seat).toMatchObject({ row: "B", number: 5, kind: "PREMIUM", price: 1650, x: 5, y: 1 });

    const forGuest = await as(null).showtime.seatMap({ showtimeId: show.id });
    expect(forGuest.counts).toEqual({ AVAILABLE: 17, HELD: 2, SOLD: 1, MINE: 0 });
    expect(forGuest.onSale).toBe(true);
  });

  it("serves cached seat maps that still change when a hold expires, per viewer", async () => {
    const { db, show, alice, hold } = await setup();
    await hold(alice, ["A1"]);
    const seatMaps = createSeatMapCache({ ttlMs: 60 * MIN });
    const view = async (now: Date, user: Actor | null = null) => {
      const caller = callerFor(db, user, { now, seatMaps });
      const map = await caller.showtime.seatMap({ showtimeId: show.id });
      return map.seats.find((s) => s.label === "A1")?.state;
    };
    expect(await view(at(MIN))).toBe("HELD");
    expect(await view(at(2 * MIN))).toBe("HELD"); // memoised
    expect(await view(at(2 * MIN), alice)).toBe("MINE");
    expect(await view(at(11 * MIN))).toBe("AVAILABLE"); // the hold expired: no stale memo
  });

  it("lists my bookings with film, hall and a cancelled showtime's reason; finds by code", async () => {
    const { db, cinema, show, alice, bob, admin, as, hold } = await setup();
    const r = await hold(alice, ["A1"]);
    await as(alice).reservation.confirm({ reservationId: r.id });
    await db.showtime.update({
      where: { id: show.id },
      data: { status: "CANCELLED", cancelledReason: "Projector fault" },
    });
    await db.reservation.update({ where: { id: r.id }, data: { status: "CANCELLED" } });
    const page = await as(alice).reservation.mine({ limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      status: "CANCELLED",
      showtime: {
        status: "CANCELLED",
        cancelledReason: "Projector fault",
        movie: { title: cinema.movie.title },
        hall: { name: cinema.hall.name },
      },
    });
    const byCode = await as(alice).reservation.byCode({
      code: r.code.toLowerCase().replace("-", " "),
    });
    expect(byCode.id).toBe(r.id);
    expect((await as(admin).reservation.byCode({ code: r.code })).id).toBe(r.id);
    expect((await rejection(as(bob).reservation.byCode({ code: r.code }))).code).toBe("NOT_FOUND");
  });

  it("lets admins list bookings by showtime, status, user and local date", async () => {
    const { show, alice, bob, admin, as, hold } = await setup();
    const a = await hold(alice, ["A1"]);
    await as(alice).reservation.confirm({ reservationId: a.id });
    await hold(bob, ["A2"]);
    const caller = as(admin);
    expect((await caller.reservation.list({ showtimeId: show.id })).items).toHaveLength(2);
    expect(
      (await caller.reservation.list({ showtimeId: show.id, status: "CONFIRMED" })).items.map(
        (r) => r.id,
      ),
    ).toEqual([a.id]);
    expect(
      (await caller.reservation.list({ userId: bob.id })).items.map((r) => r.user?.id),
    ).toEqual([bob.id]);
    const day = show.startsAt.toISOString().slice(0, 10);
    expect((await caller.reservation.list({ date: day, showtimeId: show.id })).items).toHaveLength(
      2,
    );
    const paged = await caller.reservation.list({ showtimeId: show.id, limit: 1 });
    const rest = await caller.reservation.list({
      showtimeId: show.id,
      limit: 1,
      cursor: paged.nextCursor!,
    });
    expect([...paged.items, ...rest.items].map((r) => r.id).sort()).toEqual(
      (await caller.reservation.list({ showtimeId: show.id })).items.map((r) => r.id).sort(),
    );
    expect(rest.nextCursor).toBeNull();
  });

  it("reports capacity, sales, holds, occupancy, revenue and cancellations", async () => {
    const { cinema, show, alice, bob, admin, as, hold } = await setup();
    const a = await hold(alice, ["A1", "B1"]);
    await as(alice).reservation.confirm({ reservationId: a.id });
    await hold(bob, ["A2"]);
    const c = await hold(bob, ["A3"]);
    await as(bob).reservation.cancel({ reservationId: c.id });
    const day = show.startsAt.toISOString().slice(0, 10);
    const report = await as(admin).report.summary({ from: day, to: day });
    const row = report.showtimes.find((s) => s.showtimeId === show.id);
    expect(row).toMatchObject({
      capacity: 20,
      sold: 2,
      held: 0,
      revenue: 1200 + 1650,
      cancellations: 1,
    });
    expect(row?.occupancy).toBeCloseTo(0.1);
    const movie = report.movies.find((m) => m.movieId === cinema.movie.id);
    expect(movie).toMatchObject({ sold: 2, revenue: 2850, showtimes: 1 });
    expect(report.days.find((d) => d.date === day)?.sold).toBeGreaterThanOrEqual(2);
    expect(report.totals.revenue).toBeGreaterThanOrEqual(2850);
    expect((await rejection(as(admin).report.summary({ from: day, to: "2000-01-01" }))).code).toBe(
      "BAD_REQUEST",
    );
  });
});
