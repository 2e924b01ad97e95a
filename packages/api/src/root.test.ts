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
