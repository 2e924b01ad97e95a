// ticket.checkIn / undoCheckIn: the time window, every refusal's reason, the second scan, and
// two doors scanning one booking at the same moment on PostgreSQL (exactly one admits).
import { createTestDb, describeEachDatabase, type TestDatabase } from "@marquee/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { details, rejection } from "../../test/assertions";
import { callerFor, createBookingScene, createReservation, createUser } from "../../test/factories";

const MINUTE = 60_000;
const STARTS = new Date("2031-03-10T19:00:00.000Z");
const at = (minutesBeforeStart: number) => new Date(STARTS.getTime() - minutesBeforeStart * MINUTE);

async function scene(db: TestDatabase) {
  const s = await createBookingScene(db.prisma, { now: at(24 * 60), startsAt: STARTS });
  const staff = await createUser(db.prisma, { role: "STAFF", now: at(24 * 60) });
  const door = (now: Date) => callerFor(db.prisma, staff, { now });
  const booking = (status: "CONFIRMED" | "CANCELLED" | "HELD" | "EXPIRED", labels = ["B2", "B1"]) =>
    createReservation(db.prisma, {
      showtime: s.show,
      seatIds: labels.map(s.cinema.seat),
      status,
      user: s.alice,
    });
  return { ...s, staff, door, booking };
}

describeEachDatabase("ticket.checkIn", (getDb) => {
  it("admits a confirmed booking once the doors open, with its seats in order", async () => {
    const s = await scene(getDb());
    const { code } = await s.booking("CONFIRMED");
    const admitted = await s.door(at(30)).ticket.checkIn({ code: code.toLowerCase() });
    expect(admitted).toMatchObject({
      code,
      seats: ["B1", "B2"],
      checkedInAt: at(30).toISOString(),
      holder: { name: s.alice.name, email: s.alice.email },
      movie: { title: s.cinema.movie.title },
      hall: { name: s.cinema.hall.name },
      showtime: { startsAt: STARTS.toISOString(), localTime: "19:00" },
    });
    const row = await getDb().prisma.reservation.findUniqueOrThrow({ where: { code } });
    expect(row.checkedInAt).toEqual(at(30));
    expect(row.checkedInById).toBe(s.staff.id);
  });

  it("refuses a second scan, saying when the first one was", async () => {
    const s = await scene(getDb());
    const { code } = await s.booking("CONFIRMED");
    await s.door(at(20)).ticket.checkIn({ code });
    const error = await rejection(s.door(at(10)).ticket.checkIn({ code }));
    expect(error.code).toBe("CONFLICT");
    expect(details(error)).toMatchObject({
      reason: "ALREADY_CHECKED_IN",
      checkedInAt: at(20).toISOString(),
      localTime: "18:40",
    });
    expect(error.message).toBe("Already admitted at 18:40");
    const row = await getDb().prisma.reservation.findUniqueOrThrow({ where: { code } });
    expect(row.checkedInAt).toEqual(at(20));
  });

  it("keeps the window: too early, another day, ended (CHECKIN_OPENS_MINUTES decides)", async () => {
    const s = await scene(getDb());
    const { code } = await s.booking("CONFIRMED");
    const reasonAt = async (now: Date, config = {}) =>
      details(
        await rejection(
          callerFor(getDb().prisma, s.staff, { now, config }).ticket.checkIn({ code }),
        ),
      ).reason;
    expect(await reasonAt(at(61))).toBe("NOT_YET_OPEN");
    expect(await reasonAt(at(24 * 60))).toBe("OTHER_DAY");
    expect(await reasonAt(at(-100))).toBe("SHOWTIME_ENDED");
    // Opening 90 minutes before admits at 61.
    const early = callerFor(getDb().prisma, s.staff, {
      now: at(61),
      config: { checkInOpensMinutes: 90 },
    });
    await expect(early.ticket.checkIn({ code })).resolves.toMatchObject({ code });
  });

  it("refuses cancelled bookings, cancelled showtimes and holds, each with its reason", async () => {
    const s = await scene(getDb());
    const reasonOf = async (code: string) =>
      details(await rejection(s.door(at(10)).ticket.checkIn({ code }))).reason;
    expect(await reasonOf((await s.booking("CANCELLED", ["A1"])).code)).toBe("BOOKING_CANCELLED");
    expect(await reasonOf((await s.booking("HELD", ["A2"])).code)).toBe("NOT_CONFIRMED");
    expect(await reasonOf((await s.booking("EXPIRED", ["A3"])).code)).toBe("NOT_CONFIRMED");
    const { code } = await s.booking("CONFIRMED", ["A4"]);
    await s.as(s.admin, at(120)).showtime.cancel({ id: s.show.id, reason: "Projector fault" });
    expect(await reasonOf(code)).toBe("SHOWTIME_CANCELLED");
    expect(
      await getDb().prisma.reservation.count({
        where: { showtimeId: s.show.id, checkedInAt: { not: null } },
      }),
    ).toBe(0);
  });

  it("answers NOT_FOUND for unknown codes and FORBIDDEN for a user, writing nothing", async () => {
    const s = await scene(getDb());
    const { code } = await s.booking("CONFIRMED");
    expect((await rejection(s.door(at(10)).ticket.checkIn({ code: "ZZZZ-ZZZZ" }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await rejection(s.as(s.alice, at(10)).ticket.checkIn({ code }))).code).toBe(
      "FORBIDDEN",
    );
    const row = await getDb().prisma.reservation.findUniqueOrThrow({ where: { code } });
    expect(row.checkedInAt).toBeNull();
  });

  it("lets an admin undo a mistaken admission, and the booking scans again", async () => {
    const s = await scene(getDb());
    const { code } = await s.booking("CONFIRMED");
    await s.door(at(30)).ticket.checkIn({ code });
    const undone = await s.as(s.admin, at(25)).ticket.undoCheckIn({ code });
    expect(undone.checkedInAt).toBeNull();
    const again = await rejection(s.as(s.admin, at(25)).ticket.undoCheckIn({ code }));
    expect(details(again).reason).toBe("NOT_CHECKED_IN");
    expect((await rejection(s.door(at(25)).ticket.undoCheckIn({ code }))).code).toBe("FORBIDDEN");
    await expect(s.door(at(20)).ticket.checkIn({ code })).resolves.toMatchObject({
      checkedInAt: at(20).toISOString(),
    });
  });

  it("lets staff and admins find any booking by code without the miss throttle", async () => {
    const s = await scene(getDb());
    const { code } = await s.booking("CONFIRMED");
    await expect(s.door(at(30)).reservation.byCode({ code })).resolves.toMatchObject({ code });
    for (let i = 0; i < 25; i += 1) {
      const miss = await rejection(s.door(at(30)).reservation.byCode({ code: "ZZZZ-ZZZZ" }));
      expect(miss.code).toBe("NOT_FOUND");
    }
    expect((await rejection(s.as(s.bob, at(30)).reservation.byCode({ code }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("user.setRole makes someone staff, and back", async () => {
    const s = await scene(getDb());
    const bob = await s.as(s.admin).user.setRole({ userId: s.bob.id, role: "STAFF" });
    expect(bob.role).toBe("STAFF");
    const back = await s.as(s.admin).user.setRole({ userId: s.bob.id, role: "USER" });
    expect(back.role).toBe("USER");
    const wrong = await rejection(
      s.as(s.admin).user.setRole({ userId: s.bob.id, role: "OWNER" as "USER" }),
    );
    expect(wrong.code).toBe("BAD_REQUEST");
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("two doors at once [postgresql]", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDb("postgresql", { poolSize: 20 });
  }, 120_000);
  afterAll(() => db.close());

  it("admits each booking exactly once when 10 scanners scan it together, 16 rounds", async () => {
    const s = await scene(db);
    const scanners = await Promise.all(
      Array.from({ length: 10 }, () => createUser(db.prisma, { role: "STAFF", now: at(24 * 60) })),
    );
    const labels = ["A", "B"].flatMap((row) =>
      Array.from({ length: 8 }, (_, i) => `${row}${i + 1}`),
    );
    for (const label of labels) {
      const booking = await s.booking("CONFIRMED", [label]);
      const results = await Promise.all(
        scanners.map((staff) =>
          callerFor(db.prisma, staff, { now: at(10) })
            .ticket.checkIn({ code: booking.code })
            .then(
              () => `admitted by ${staff.id}`,
              (e: unknown) =>
                e instanceof TRPCError ? String(details(e).reason) : `unexpected ${String(e)}`,
            ),
        ),
      );
      const admitted = results.filter((r) => r.startsWith("admitted"));
      expect(admitted, label).toHaveLength(1);
      expect(results.filter((r) => !r.startsWith("admitted"))).toEqual(
        Array.from({ length: 9 }, () => "ALREADY_CHECKED_IN"),
      );
      const row = await db.prisma.reservation.findUniqueOrThrow({ where: { id: booking.id } });
      expect(admitted[0]).toBe(`admitted by ${row.checkedInById}`);
    }
  }, 300_000);
});
