// The shared LISTEN connection, on PostgreSQL: one backend for every channel, every
// subscriber told of a dropped connection, and LISTEN restored on reconnect.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgListener } from "./listener";

const url = process.env.TEST_DATABASE_URL;

/** Polls `check` until it is true (generous budget: the machine may be busy). */
async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.skipIf(!url)("createPgListener (PostgreSQL)", () => {
  const admin = new pg.Client({ connectionString: url });
  beforeAll(() => admin.connect());
  afterAll(() => admin.end());

  const backends = async (name: string) =>
    (
      await admin.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1",
        [name],
      )
    ).rows[0]?.n ?? 0;

  it("shares one connection, tells everyone of a drop, and listens again", async () => {
    const name = `listener-test-${randomUUID().slice(0, 8)}`;
    const listener = createPgListener(url!, { applicationName: name, reconnectMs: 50 });
    const got = { a1: [] as string[], a2: [] as string[], b: [] as string[] };
    const resets = { a1: 0, a2: 0, b: 0 };
    const offA1 = await listener.listen(
      "test_ch_a",
      (p) => got.a1.push(p),
      () => resets.a1++,
    );
    await listener.listen(
      "test_ch_a",
      (p) => got.a2.push(p),
      () => resets.a2++,
    );
    const offB = await listener.listen(
      "test_ch_b",
      (p) => got.b.push(p),
      () => resets.b++,
    );
    expect(await backends(name)).toBe(1);

    await admin.query("SELECT pg_notify('test_ch_a', 'one'), pg_notify('test_ch_b', 'two')");
    await until(() => got.a1.length + got.a2.length + got.b.length === 3, "three deliveries");
    expect(got).toEqual({ a1: ["one"], a2: ["one"], b: ["two"] });

    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
      [name],
    );
    await until(() => resets.a1 > 0 && resets.a2 > 0 && resets.b > 0, "every subscriber reset");
    // Notifications sent while it reconnects are lost by design: send until one arrives.
    await until(async () => {
      await admin.query("SELECT pg_notify('test_ch_b', 'again')");
      return got.b.includes("again");
    }, "a notification after the reconnect");
    expect(await backends(name)).toBe(1);

    await offA1();
    await offA1(); // twice is harmless
    await admin.query("SELECT pg_notify('test_ch_a', 'three')");
    await until(() => got.a2.includes("three"), "the remaining subscriber on a");
    expect(got.a1).toEqual(["one"]);

    await offB();
    expect(await backends(name)).toBe(1); // a2 still listens
    await listener.close();
    await until(async () => (await backends(name)) === 0, "the connection to close");
    await expect(listener.listen("test_ch_a", () => {})).rejects.toThrow(/closed/);
  });

  it("refuses a channel name that is not an identifier", async () => {
    const listener = createPgListener(url!);
    await expect(listener.listen("x; DROP TABLE y", () => {})).rejects.toThrow(/bad channel/);
    await listener.close();
  });
});
