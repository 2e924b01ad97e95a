// The general per-address rate limit: 429 with Retry-After in the shape tRPC clients read,
// static files never limited, and one limit across server processes sharing the database.
import { createSharedCounters } from "@marquee/api";
import { createTestDb, describeEachDatabase, type TestDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChildServer, startServer } from "./test/start-server";

const waitFor = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describeEachDatabase("rate limit over HTTP", (getDb) => {
  it("answers 429 with Retry-After past the limit, in the tRPC error shape", async () => {
    // A fixed clock: six requests must not straddle a window boundary on a slow machine.
    const counters = createSharedCounters({ db: getDb().prisma, now: () => 1_800_000_030_000 });
    const server = await startServer(getDb(), { rateLimit: { counters, perMinute: 5 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        statuses.push((await fetch(`${server.url}/trpc/cinema.info`)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const limited = await fetch(`${server.url}/trpc/cinema.info`);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await limited.json()) as { error?: { data?: { code?: string } } };
      expect(body.error?.data?.code).toBe("TOO_MANY_REQUESTS");
      // The web app's files are not API calls.
      expect((await fetch(`${server.url}/`)).status).toBe(200);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
      await counters.close();
    }
  });
});

describeEachDatabase("answer size cap", (getDb) => {
  it("refuses to send an answer past the cap, asking for less", async () => {
    const probe = await startServer(getDb());
    const size = (await (await fetch(`${probe.url}/trpc/cinema.info`)).text()).length;
    await probe.close();
    // One answer fits; a batch of three does not.
    const server = await startServer(getDb(), { maxResponseBytes: Math.round(size * 2.5) });
    try {
      expect((await fetch(`${server.url}/trpc/cinema.info`)).status).toBe(200);
      const three = "cinema.info,cinema.info,cinema.info";
      const many = await fetch(`${server.url}/trpc/${three}?batch=1&input={}`);
      expect(many.status).toBe(400);
      expect(await many.text()).toMatch(/asks for too much/);
    } finally {
      await server.close();
    }
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("rate limit [postgresql]", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDb("postgresql");
  }, 120_000);
  afterAll(() => db.close());

  it("is one limit across two server processes", async () => {
    const env = { RATE_LIMIT_PER_MINUTE: "30" };
    const [a, b] = await Promise.all([
      startChildServer(db.url, env),
      startChildServer(db.url, env),
    ]);
    try {
      const counted = async () =>
        (await db.prisma.rateLimitCounter.aggregate({ _sum: { count: true } }))._sum.count ?? 0;
      const get = async (url: string) => (await fetch(`${url}/trpc/cinema.info`)).status;
      // Windows are whole minutes on the clock: start early in one, so the requests below
      // (a few seconds, even on a slow machine) all fall in the same window.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 30_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
      for (let i = 0; i < 20; i += 1) expect(await get(a.url)).toBe(200);
      await waitFor(async () => (await counted()) >= 20, "process A's counts");
      expect(await get(b.url)).toBe(200); // B learns the total on its first flush
      await waitFor(async () => (await counted()) >= 21, "process B's count");
      const rest: number[] = [];
      for (let i = 0; i < 15; i += 1) rest.push(await get(b.url));
      expect(rest.filter((s) => s === 200)).toHaveLength(9); // 21 + 9 = 30
      expect(rest.filter((s) => s === 429)).toHaveLength(6);
    } finally {
      a.process.kill("SIGTERM");
      b.process.kill("SIGTERM");
    }
  }, 120_000);
});
