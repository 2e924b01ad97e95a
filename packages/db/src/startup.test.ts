import { describe, expect, it } from "vitest";
import { createScratchPostgres } from "./scratch";
import { withStartupLock } from "./startup";

describe.skipIf(!process.env.TEST_DATABASE_URL)("the start-up lock on PostgreSQL", () => {
  it("makes a second starter wait until the first is done", async () => {
    const scratch = await createScratchPostgres();
    try {
      const events: string[] = [];
      let finishFirst = () => {};
      const firstMayFinish = new Promise<void>((resolve) => (finishFirst = resolve));
      let firstEntered = () => {};
      const firstInside = new Promise<void>((resolve) => (firstEntered = resolve));
      const first = withStartupLock(scratch.url, async () => {
        events.push("first in");
        firstEntered();
        await firstMayFinish;
        events.push("first out");
      });
      await firstInside;
      let secondWaiting = () => {};
      const secondIsWaiting = new Promise<void>((resolve) => (secondWaiting = resolve));
      const second = withStartupLock(
        scratch.url,
        async () => {
          events.push("second in");
        },
        () => {
          events.push("second waits");
          secondWaiting();
        },
      );
      await secondIsWaiting;
      finishFirst();
      await Promise.all([first, second]);
      expect(events).toEqual(["first in", "second waits", "first out", "second in"]);
    } finally {
      await scratch.drop();
    }
  });
});
