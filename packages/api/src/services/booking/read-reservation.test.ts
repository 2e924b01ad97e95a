// The booking hot path reads a reservation back with one raw statement; everything else
// reads it through Prisma's nested select. Both must give the same view.
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { readReservation } from "./read-reservation";
import { reservationSelect, toReservationView } from "./views";
import { callerFor, createCinema, createUser } from "../../test/factories";

const T0 = new Date("2031-04-01T10:00:00.000Z");

describeEachDatabase("reservation read paths", (getDb) => {
  it("the raw read and the Prisma read give the same view, in every state", async () => {
    const db = getDb().prisma;
    const cinema = await createCinema(db);
    const show = await cinema.showtime(new Date(T0.getTime() + 24 * 3_600_000));
    const alice = await createUser(db, { now: T0 });
    const caller = callerFor(db, alice, { now: T0 });
    const held = await caller.reservation.hold({
      showtimeId: show.id,
      seatIds: [cinema.seat("C1"), cinema.seat("A2"), cinema.seat("B4")],
    });
    const compare = async (id: string, now: Date) => {
      const deps = { now, timeZone: "Europe/Paris" };
      const raw = toReservationView(await readReservation(db, id), deps);
      const viaPrisma = toReservationView(
        await db.reservation.findUniqueOrThrow({ where: { id }, select: reservationSelect }),
        deps,
      );
      expect(raw).toEqual(viaPrisma);
      return raw;
    };
    expect((await compare(held.id, T0)).seats.map((s) => s.label)).toEqual(["A2", "B4", "C1"]);
    expect((await compare(held.id, new Date(T0.getTime() + 11 * 60_000))).status).toBe("EXPIRED");
    await caller.reservation.confirm({ reservationId: held.id });
    expect((await compare(held.id, T0)).status).toBe("CONFIRMED");
    await db.user.delete({ where: { id: alice.id } });
    expect((await compare(held.id, T0)).user).toBeNull();
  });
});
