import { expect, it } from "vitest";
import { localDateOf } from "@marquee/domain";
import { hashPassword, verifyPassword } from "./password";
import { DEMO_HALLS, DEMO_MOVIES, seed, SeedError } from "./seed";
import { describeEachDatabase } from "./testing";

const now = new Date("2026-03-27T09:00:00Z");

describeEachDatabase("seed", (getDb) => {
  it("requires ADMIN_PASSWORD unless it may generate one", async () => {
    await expect(
      seed(getDb().prisma, { generateAdminPassword: false, demo: false, timeZone: "UTC", now }),
    ).rejects.toThrow(SeedError);
    expect(await getDb().prisma.user.count()).toBe(0);
  });

  it("creates the admin, a week of local showtimes and a few bookings", async () => {
    const { prisma } = getDb();
    const result = await seed(prisma, {
      adminEmail: "Boss@Example.com",
      generateAdminPassword: true,
      demo: true,
      timeZone: "Europe/Paris",
      now,
    });
    expect(result.admin).toMatchObject({ email: "boss@example.com", created: true });
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "boss@example.com" } });
    expect(admin.role).toBe("ADMIN");
    expect(await verifyPassword(admin.passwordHash, result.admin.generatedPassword!)).toBe(true);

    expect(result.demo).toMatchObject({ halls: DEMO_HALLS.length, movies: DEMO_MOVIES.length });
    const showtimes = await prisma.showtime.findMany({ orderBy: { startsAt: "asc" } });
    expect(showtimes.length).toBe(result.demo!.showtimes);
    const days = new Set(showtimes.map((s) => localDateOf(s.startsAt, "Europe/Paris")));
    expect([...days].sort()).toEqual([
      "2026-03-27",
      "2026-03-28",
      "2026-03-29",
      "2026-03-30",
      "2026-03-31",
      "2026-04-01",
      "2026-04-02",
    ]);
    expect(showtimes.every((s) => s.startsAt > now)).toBe(true);
    // 12:30 local is 11:30 UTC before the DST change (29 March) and 10:30 UTC after it.
    const firstOf = (day: string) =>
      showtimes.find((s) => localDateOf(s.startsAt, "Europe/Paris") === day);
    expect(firstOf("2026-03-28")?.startsAt.toISOString()).toBe("2026-03-28T11:30:00.000Z");
    expect(firstOf("2026-03-30")?.startsAt.toISOString()).toBe("2026-03-30T10:30:00.000Z");

    const reserved = await prisma.reservationSeat.count({ where: { live: true } });
    expect(reserved).toBeGreaterThan(0);
    expect(await prisma.seat.count()).toBeGreaterThan(250);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const { prisma } = getDb();
    const counts = async () =>
      Promise.all([
        prisma.user.count(),
        prisma.movie.count(),
        prisma.showtime.count(),
        prisma.reservation.count(),
      ]);
    const before = await counts();
    const again = await seed(prisma, {
      adminEmail: "boss@example.com",
      generateAdminPassword: true,
      demo: true,
      timeZone: "Europe/Paris",
      now,
    });
    expect(again).toEqual({
      admin: {
        email: "boss@example.com",
        created: false,
        generatedPassword: null,
        passwordIgnored: false,
      },
      demo: null,
    });
    expect(await counts()).toEqual(before);
    // ADMIN_PASSWORD on an existing account is not applied, and the result says so.
    const withPassword = (adminPassword: string) =>
      seed(prisma, {
        adminEmail: "boss@example.com",
        adminPassword,
        generateAdminPassword: false,
        demo: false,
        timeZone: "Europe/Paris",
        now,
      });
    await prisma.user.update({
      where: { email: "boss@example.com" },
      data: { passwordHash: await hashPassword("the right secret") },
    });
    expect((await withPassword("a different secret")).admin.passwordIgnored).toBe(true);
    expect((await withPassword("the right secret")).admin.passwordIgnored).toBe(false);
  });
});

// Start-up holds a lock around the seed; this is the database-level guarantee beneath it.
describeEachDatabase("seeding twice at the same moment", (getDb) => {
  it("creates one admin and one set of demo halls, and neither run fails", async () => {
    const { prisma } = getDb();
    const options = {
      adminEmail: "boss@example.com",
      adminPassword: "a-long-admin-password",
      generateAdminPassword: false,
      demo: true,
      timeZone: "UTC",
      now,
    };
    const results = await Promise.all([seed(prisma, options), seed(prisma, options)]);
    expect(results.map((r) => r.admin.created).sort()).toEqual([false, true]);
    expect(results.filter((r) => r.demo !== null)).toHaveLength(1);
    expect(await prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
    expect(await prisma.hall.count()).toBe(DEMO_HALLS.length);
    expect(await prisma.movie.count()).toBe(DEMO_MOVIES.length);
  });
});
