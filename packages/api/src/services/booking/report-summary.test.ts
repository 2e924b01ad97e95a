// report.summary figures; on PGlite and PostgreSQL.
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { rejection } from "../../test/assertions";
import { createBookingScene } from "../../test/factories";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = new Date("2030-06-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachDatabase("report summary", (getDb) => {
  const setup = (startOffset = 48 * HOUR) =>
    createBookingScene(getDb().prisma, { now: T0, startsAt: at(startOffset) });

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
