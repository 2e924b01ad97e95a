// The counts a process answers with while its flush is on the way to the database: no
// request may see fewer than were made (a stand-in database that answers when told to).
import { describe, expect, it } from "vitest";
import { createSharedCounters } from "./shared-counters";

function heldDatabase() {
  const waiting: ((rows: unknown[]) => void)[] = [];
  const db = {
    $queryRaw: () => new Promise<unknown[]>((resolve) => waiting.push(resolve)),
    $executeRaw: () => Promise.resolve(0),
  };
  return { db: db as never, answer: (rows: unknown[]) => waiting.shift()?.(rows) };
}

describe("createSharedCounters", () => {
  it("keeps counting the hits whose flush has not landed yet", async () => {
    const at = 1_800_000_030_000;
    const { db, answer } = heldDatabase();
    const counters = createSharedCounters({ db, now: () => at, flushMs: 60_000 });
    for (let i = 0; i < 3; i += 1) counters.hit("address a", 60_000);
    const flushed = counters.flush(); // three counts on their way, not yet answered
    await new Promise((r) => setTimeout(r, 0));
    expect(counters.hit("address a", 60_000).current).toBe(4);

    const windowStart = new Date(Math.floor(at / 60_000) * 60_000);
    answer([{ key: "address a", windowStart, count: 3 }]);
    await flushed;
    expect(counters.hit("address a", 60_000).current).toBe(5);
    const closing = counters.close();
    await new Promise((r) => setTimeout(r, 0));
    answer([{ key: "address a", windowStart, count: 5 }]);
    await closing;
  });
});
