// reservation.hold: all or nothing, priced, replaced, idempotent; on PGlite and PostgreSQL.
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { details, rejection } from "../../test/assertions";
import { createBookingScene, CINEMA_PRICES as PRICES, createCinema } from "../../test/factories";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = new Date("2030-06-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachDatabase("hold seats", (getDb) => {
  const setup = (startOffset = 48 * HOUR) =>
    createBookingScene(getDb().prisma, { now: T0, startsAt: at(startOffset) });

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

  it("caps the seats one account holds and buys for one showtime, all bookings together", async () => {
    const { db, cinema, show, alice, bob, as, hold } = await setup();
    const seat = cinema.seat;
    const capped = (actor: typeof alice) => as(actor, T0, { maxSeatsPerShowtime: 4 });
    const bought = await hold(alice, ["A1", "A2", "A3"]);
    await as(alice).reservation.confirm({ reservationId: bought.id });
    await capped(alice).reservation.hold({ showtimeId: show.id, seatIds: [seat("B1")] });
    // A replacement hold counts instead of the hold it replaces, not on top of it.
    await capped(alice).reservation.hold({ showtimeId: show.id, seatIds: [seat("B2")] });
    const error = await rejection(
      capped(alice).reservation.hold({
        showtimeId: show.id,
        seatIds: [seat("B2"), seat("B3")],
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(
      "One account can have at most 4 seats for a showtime; you already have 3",
    );
    expect(details(error)).toMatchObject({ reason: "SEAT_LIMIT", max: 4, alreadyHeld: 3 });
    // Nothing was written by the refused call; others are not affected.
    const held = await db.reservationSeat.count({
      where: { showtimeId: show.id, live: true, reservation: { userId: alice.id } },
    });
    expect(held).toBe(4);
    await capped(bob).reservation.hold({
      showtimeId: show.id,
      seatIds: ["B5", "C1", "C2", "B6"].map(seat),
    });
  });

  it("keeps one hold per user and showtime, also after the old one lapsed", async () => {
    const { db, show, alice, hold } = await setup();
    const first = await hold(alice, ["A1"]);
    const later = await hold(alice, ["A2"], at(11 * MIN)); // the first hold lapsed meanwhile
    expect(later.id).not.toBe(first.id);
    const rows = await db.reservation.findMany({
      where: { userId: alice.id, showtimeId: show.id },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [first.id]: "EXPIRED",
      [later.id]: "HELD",
    });
  });
});
