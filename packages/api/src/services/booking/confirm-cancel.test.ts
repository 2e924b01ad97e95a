// reservation.confirm and reservation.cancel, and expired holds; on PGlite and PostgreSQL.
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { details, rejection } from "../../test/assertions";
import { createBookingScene } from "../../test/factories";
import { sweepExpiredHolds } from "./sweep-expired-holds";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = new Date("2030-06-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachDatabase("confirm cancel", (getDb) => {
  const setup = (startOffset = 48 * HOUR) =>
    createBookingScene(getDb().prisma, { now: T0, startsAt: at(startOffset) });

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
    const mine = await as(alice, later).reservation.mine({ status: "EXPIRED" });
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
});
