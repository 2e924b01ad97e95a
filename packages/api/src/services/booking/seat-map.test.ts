// showtime.seatMap: states per viewer, counts, and the cache; on PGlite and PostgreSQL.
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { createBookingScene, callerFor, type Actor } from "../../test/factories";
import { createSeatMapCache } from "./seat-map-cache";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = new Date("2030-06-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachDatabase("seat map", (getDb) => {
  const setup = (startOffset = 48 * HOUR) =>
    createBookingScene(getDb().prisma, { now: T0, startsAt: at(startOffset) });

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
});
