// reservation.mine ("My bookings"): bookings only, upcoming soonest first, past latest first;
// on PGlite and PostgreSQL.
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { createReservation, createBookingScene } from "../../test/factories";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = new Date("2030-06-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachDatabase("my bookings", (getDb) => {
  it("lists bookings only: upcoming by show date ascending, past descending", async () => {
    const scene = await createBookingScene(getDb().prisma, { now: T0, startsAt: at(48 * HOUR) });
    const { db, cinema, show, alice, bob, as } = scene;
    const [soon, later, released, lapsed] = await Promise.all(
      [24, 72, 96, 120].map((h) => cinema.showtime(at(h * HOUR))),
    );
    const [yesterday, lastWeek] = await Promise.all(
      [-24, -7 * 24].map((h) => cinema.showtime(at(h * HOUR))),
    );
    if (!soon || !later || !released || !lapsed || !yesterday || !lastWeek) throw new Error();
    const holdAt = (showtimeId: string, label: string, now = T0) =>
      as(alice, now).reservation.hold({ showtimeId, seatIds: [cinema.seat(label)] });
    const book = async (showtimeId: string, label: string) => {
      const held = await holdAt(showtimeId, label);
      return as(alice).reservation.confirm({ reservationId: held.id });
    };

    // Made in an order unlike the show order, so creation order cannot pass for it.
    const b48 = await book(show.id, "A1");
    const b72 = await book(later.id, "A1");
    const b24 = await book(soon.id, "A1");
    const cancelledBooking = await book(released.id, "A2");
    await as(alice).reservation.cancel({ reservationId: cancelledBooking.id });
    // A hold released (the old "Change seats") and a hold left to expire: never bookings.
    const releasedHold = await holdAt(released.id, "A3");
    await as(alice).reservation.cancel({ reservationId: releasedHold.id });
    await holdAt(lapsed.id, "A1");
    await as(bob).reservation.confirm({
      reservationId: (
        await as(bob).reservation.hold({
          showtimeId: soon.id,
          seatIds: [cinema.seat("A2")],
        })
      ).id,
    });
    // Past shows cannot be booked through the API any more: written as the booking code would.
    const pastBooking = async (showtime: typeof yesterday, status: "CONFIRMED" | "CANCELLED") => {
      const r = await createReservation(db, {
        showtime,
        seatIds: [cinema.seat("B1")],
        status,
        user: alice,
      });
      await db.reservation.update({ where: { id: r.id }, data: { confirmedAt: at(-30 * HOUR) } });
      return r;
    };
    const pastYesterday = await pastBooking(yesterday, "CONFIRMED");
    const pastLastWeek = await pastBooking(lastWeek, "CANCELLED");
    await createReservation(db, {
      showtime: yesterday,
      seatIds: [cinema.seat("B2")],
      status: "EXPIRED",
      user: alice,
    });

    const afterExpiry = as(alice, at(30 * MIN));
    const upcoming = await afterExpiry.reservation.mine({ when: "upcoming" });
    expect(upcoming.items.map((r) => [r.id, r.status])).toEqual([
      [b24.id, "CONFIRMED"],
      [b48.id, "CONFIRMED"],
      [b72.id, "CONFIRMED"],
      [cancelledBooking.id, "CANCELLED"],
    ]);
    const past = await afterExpiry.reservation.mine({ when: "past" });
    expect(past.items.map((r) => r.id)).toEqual([pastYesterday.id, pastLastWeek.id]);
    const all = await afterExpiry.reservation.mine();
    expect(all.items.map((r) => r.id)).toEqual([
      cancelledBooking.id,
      b72.id,
      b48.id,
      b24.id,
      pastYesterday.id,
      pastLastWeek.id,
    ]);

    // Page by page, in the same order, nothing repeated or skipped.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await afterExpiry.reservation.mine({ when: "upcoming", limit: 1, cursor });
      paged.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(upcoming.items.map((r) => r.id));
  });

  it("still finds a live hold when asked for status HELD, and not once it lapsed", async () => {
    const { show, alice, as, hold } = await createBookingScene(getDb().prisma, {
      now: T0,
      startsAt: at(48 * HOUR),
    });
    const held = await hold(alice, ["A1", "A2"]);
    const live = await as(alice, at(MIN)).reservation.mine({ status: "HELD", when: "upcoming" });
    expect(live.items.map((r) => [r.id, r.showtimeId])).toEqual([[held.id, show.id]]);
    expect((await as(alice, at(MIN)).reservation.mine()).items).toEqual([]);
    const lapsed = await as(alice, at(HOUR)).reservation.mine({ status: "HELD" });
    expect(lapsed.items).toEqual([]);
  });
});
