import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { createContextInner } from "./context";
import { createCaller } from "./root";

describeEachDatabase("health", (getDb) => {
  it("reports ok with the injected clock when the database answers", async () => {
    const now = new Date("2026-11-24T12:00:00Z");
    const caller = createCaller(createContextInner({ db: getDb().prisma, now: () => now }));
    expect(await caller.health()).toEqual({
      status: "ok",
      database: "ok",
      time: now.toISOString(),
    });
  });

  it("fails when the database is gone", async () => {
    const db = getDb();
    const caller = createCaller(createContextInner({ db: db.prisma }));
    await db.close();
    await expect(caller.health()).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
  });
});

describeEachDatabase("cinema info", (getDb) => {
  it("tells clients the cinema's zone, today's local date and the booking rules", async () => {
    // 23:30 UTC on 24 Nov is already 25 Nov in Paris.
    const now = new Date("2026-11-24T23:30:00Z");
    const caller = createCaller(
      createContextInner({
        db: getDb().prisma,
        now: () => now,
        config: { timeZone: "Europe/Paris", currency: "EUR", holdMinutes: 7 },
      }),
    );
    expect(await caller.cinema.info()).toEqual({
      timeZone: "Europe/Paris",
      currency: "EUR",
      today: "2026-11-25",
      now: now.toISOString(),
      holdMinutes: 7,
      maxSeatsPerBooking: 10,
      salesCutoffMinutes: 0,
      cleaningMinutes: 15,
    });
  });
});
