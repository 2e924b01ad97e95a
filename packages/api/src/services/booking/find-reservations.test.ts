// reservation.mine, byCode and list; on PGlite and PostgreSQL.
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { rejection } from "../../test/assertions";
import { callerFor, createBookingScene } from "../../test/factories";

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = new Date("2030-06-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachDatabase("find reservations", (getDb) => {
  const setup = (startOffset = 48 * HOUR) =>
    createBookingScene(getDb().prisma, { now: T0, startsAt: at(startOffset) });

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

  it("answers unknown and foreign codes alike, and pauses lookups after 20 misses", async () => {
    const { db, alice, bob, admin, hold } = await setup();
    const mine = await hold(alice, ["A1"]);
    const bobs = await hold(bob, ["A2"]);
    const from = { now: T0, clientIp: "10.77.0.1" };
    const lookup = (code: string) => callerFor(db, alice, from).reservation.byCode({ code });
    const foreign = await rejection(lookup(bobs.code));
    const unknown = await rejection(lookup("ZZZZ-ZZZZ"));
    expect([foreign.code, unknown.code]).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    expect(foreign.message.replace(bobs.code, "X")).toBe(unknown.message.replace("ZZZZ-ZZZZ", "X"));
    // A hit gives its slot back; misses add up to the limit (2 so far).
    expect((await lookup(mine.code)).id).toBe(mine.id);
    for (let i = 0; i < 18; i += 1) {
      expect((await rejection(lookup(`QQQQ-${String(i).padStart(4, "2")}`))).code).toBe(
        "NOT_FOUND",
      );
    }
    const paused = await rejection(lookup(mine.code));
    expect(paused.code).toBe("TOO_MANY_REQUESTS");
    // Staff look codes up all day: admins are not throttled, and find any booking.
    const desk = callerFor(db, admin, from);
    expect((await desk.reservation.byCode({ code: bobs.code })).id).toBe(bobs.id);
  });
});
