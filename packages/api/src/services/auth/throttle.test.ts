// takeSlots in one statement: all buckets or none, and a Retry-After that waits for every
// full bucket to free a slot.
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { AppError } from "../../errors";
import { takeSlots, type Bucket } from "./throttle";

describeEachDatabase("auth throttle slots", (getDb) => {
  it("takes a slot in every bucket or in none, naming when all have room again", async () => {
    const db = getDb().prisma;
    const t0 = new Date("2030-01-01T10:00:00.000Z");
    let clock = t0;
    const deps = { db, now: () => clock };
    const short: Bucket = {
      kind: "SIGN_IN_PAIR",
      key: "a 1.2.3.4",
      limit: { max: 2, windowMs: 60_000 },
    };
    const long: Bucket = {
      kind: "SIGN_IN_ACCOUNT",
      key: "a",
      limit: { max: 3, windowMs: 600_000 },
    };
    const count = (b: Bucket) => db.authAttempt.count({ where: { kind: b.kind, key: b.key } });

    expect(await takeSlots(deps, [short, long], "slow down")).toHaveLength(2);
    clock = new Date(t0.getTime() + 10_000);
    await takeSlots(deps, [short, long], "slow down");
    // `short` is full: nothing is taken, not even in `long`, which had room.
    const refusal = await takeSlots(deps, [short, long], "slow down").catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).message).toBe("slow down");
    // Its oldest attempt (t0) leaves the window at t0 + 60 s: 50 s from now.
    expect((refusal as AppError).details).toEqual({
      reason: "RATE_LIMITED",
      retryAfterSeconds: 50,
    });
    expect([await count(short), await count(long)]).toEqual([2, 2]);

    // Past the short window, both take again; then `long` is full until t0 + 600 s.
    clock = new Date(t0.getTime() + 61_000);
    await takeSlots(deps, [short, long], "slow down");
    expect(await count(long)).toBe(3);
    const both = await takeSlots(deps, [short, long], "slow down").catch((e: unknown) => e);
    expect((both as AppError).details).toEqual({ reason: "RATE_LIMITED", retryAfterSeconds: 539 });
    clock = new Date(t0.getTime() + 600_001);
    expect(await takeSlots(deps, [long], "slow down")).toHaveLength(1);
  });

  it("lets exactly the limit through when attempts race", async () => {
    const db = getDb().prisma;
    const deps = { db, now: () => new Date() };
    const bucket: Bucket = {
      kind: "CODE_LOOKUP",
      key: "racer",
      limit: { max: 4, windowMs: 60_000 },
    };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => takeSlots(deps, [bucket], "slow down")),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(4);
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(refused).toHaveLength(16);
    expect(refused.every((o) => o.reason instanceof AppError)).toBe(true);
    expect(await db.authAttempt.count({ where: { kind: "CODE_LOOKUP", key: "racer" } })).toBe(4);
  });
});
