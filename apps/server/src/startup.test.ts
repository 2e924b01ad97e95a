// The start-up retry loop on a fake clock: which attempts happen, how long it waits between
// them, and when it gives up.
import { describe, expect, it } from "vitest";
import {
  describeConnectError,
  isRetryableConnectError,
  retryDelayMs,
  retryUntil,
  StartupTimeoutError,
} from "./startup";

function fakeClock() {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
  };
}

const refused = () => Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });

describe("retryUntil", () => {
  it("retries with growing delays until an attempt succeeds", async () => {
    const clock = fakeClock();
    const retries: number[] = [];
    let calls = 0;
    const result = await retryUntil({
      ...clock,
      timeoutMs: 30_000,
      attempt: async () => {
        calls += 1;
        if (calls < 4) throw refused();
        return "open";
      },
      onRetry: ({ attempt }) => retries.push(attempt),
    });
    expect(result).toBe("open");
    expect(retries).toEqual([1, 2, 3]);
    expect(clock.slept).toEqual([500, 1_000, 2_000]);
  });

  it("never waits past the deadline, tries once more at it, then gives up with the last error", async () => {
    const clock = fakeClock();
    let calls = 0;
    const failing = retryUntil({
      ...clock,
      timeoutMs: 10_000,
      attempt: async () => {
        calls += 1;
        throw new Error(`failure ${calls}`);
      },
      onRetry: () => undefined,
    });
    await expect(failing).rejects.toBeInstanceOf(StartupTimeoutError);
    const error = (await failing.catch((e: unknown) => e)) as StartupTimeoutError;
    // 0.5 + 1 + 2 + 4 = 7.5 s, then the 2.5 s left, then the attempt at 10 s fails.
    expect(clock.slept).toEqual([500, 1_000, 2_000, 4_000, 2_500]);
    expect(error.attempts).toBe(6);
    expect(error.lastError.message).toBe("failure 6");
    expect(retryDelayMs(10)).toBe(4_000);
  });

  it("tries exactly once with a timeout of 0", async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(
      retryUntil({
        ...clock,
        timeoutMs: 0,
        attempt: async () => {
          calls += 1;
          throw refused();
        },
        onRetry: () => undefined,
      }),
    ).rejects.toBeInstanceOf(StartupTimeoutError);
    expect(calls).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it("stops at once on an error that waiting cannot fix", async () => {
    const clock = fakeClock();
    let calls = 0;
    const denied = Object.assign(new Error("wrapped"), {
      meta: {
        driverAdapterError: {
          cause: { originalCode: "28P01", originalMessage: "password authentication failed" },
        },
      },
    });
    const failing = retryUntil({
      ...clock,
      timeoutMs: 30_000,
      retryable: isRetryableConnectError,
      attempt: async () => {
        calls += 1;
        throw denied;
      },
      onRetry: () => undefined,
    });
    await expect(failing).rejects.toBeInstanceOf(StartupTimeoutError);
    expect(calls).toBe(1);
    expect(describeConnectError(denied)).toBe("password authentication failed (28P01)");
    expect(isRetryableConnectError(refused())).toBe(true);
  });

  it("describes an unreachable server in one line", () => {
    const unreachable = Object.assign(new Error("Invalid `prisma.$queryRaw()`\n\n invocation"), {
      meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } },
    });
    expect(describeConnectError(unreachable)).toBe("the database server cannot be reached");
    expect(describeConnectError(new AggregateError([refused()]))).toBe("connect ECONNREFUSED");
  });
});
