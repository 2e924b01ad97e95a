// Guessing through the real host: batching cannot multiply password checks, and parallel
// guesses cannot outrun the limit nor exhaust the pool (on PostgreSQL they truly race).
import { createUser, FIXTURE_PASSWORD } from "@marquee/api/testing";
import { defaultApiConfig } from "@marquee/api";
import { describeEachDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type RunningServer } from "./test/start-server";

describeEachDatabase("throttles over HTTP", (getDb) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(getDb());
  });
  afterAll(() => server.close());

  /** A raw POST batch of `calls` of one procedure (what a script can send). */
  const batch = async (path: string, inputs: unknown[]) => {
    const paths = inputs.map(() => path).join(",");
    const body = Object.fromEntries(inputs.map((input, i) => [String(i), input]));
    const res = await fetch(`${server.url}/trpc/${paths}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };

  it("refuses batched sign-ins and over-long batches before any work is done", async () => {
    const { prisma } = getDb();
    const user = await createUser(prisma);
    const attemptsBefore = await prisma.authAttempt.count();
    const guesses = Array.from({ length: 290 }, (_, i) => ({
      email: user.email,
      password: i === 250 ? FIXTURE_PASSWORD : `wrong-${i}`,
    }));
    const signIns = await batch("auth.createToken", guesses);
    expect(signIns.status).toBe(400);
    expect(signIns.text).not.toContain('"token"');
    const two = await batch("auth.createToken", guesses.slice(249, 251));
    expect(two.status).toBe(400);
    expect(two.text).toContain("cannot be batched");
    expect(await prisma.authAttempt.count()).toBe(attemptsBefore);

    const registrations = await batch(
      "auth.register",
      Array.from({ length: 3 }, (_, i) => ({
        email: `batch-${i}-${Date.now()}@example.com`,
        name: "B",
        password: "long-enough-1",
      })),
    );
    expect(registrations.status).toBe(400);
    expect(await prisma.user.count({ where: { email: { startsWith: "batch-" } } })).toBe(0);

    const reads = Array.from({ length: 11 }, () => "showtime.list").join(",");
    const tooMany = await fetch(`${server.url}/trpc/${reads}?batch=1&input={}`);
    expect(tooMany.status).toBe(400);
    const ten = Array.from({ length: 10 }, () => "cinema.info").join(",");
    expect((await fetch(`${server.url}/trpc/${ten}?batch=1&input={}`)).status).toBe(200);
  });

  it("checks at most the limit of 100 parallel guesses from one address", async () => {
    const { prisma } = getDb();
    const user = await createUser(prisma);
    const guess = (password: string) =>
      fetch(`${server.url}/trpc/auth.createToken`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: user.email, password }),
      }).then((res) => ({ status: res.status, retryAfter: res.headers.get("retry-after") }));
    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => guess(`wrong-guess-${i}`)),
    );
    const limit = defaultApiConfig.maxFailedLogins;
    // Taking a slot is one statement, so parallel guesses queue on the bucket's lock without
    // pinning pooled connections: none is shed as busy, exactly the limit is admitted and
    // checked, and every other guess is refused with Retry-After.
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
    expect(statuses.filter((s) => s.status === 401)).toHaveLength(limit);
    const refused = statuses.filter((s) => s.status === 429);
    expect(refused).toHaveLength(100 - limit);
    expect(refused.every((s) => Number(s.retryAfter) > 0)).toBe(true);
    expect(
      await prisma.authAttempt.count({ where: { kind: "SIGN_IN_ACCOUNT", key: user.email } }),
    ).toBe(limit);
    // Guessing on, one at a time, is refused at once.
    expect((await guess("late-guess")).status).toBe(429);
    // And the right password from that address now waits too.
    expect((await guess(FIXTURE_PASSWORD)).status).toBe(429);
  }, 120_000);

  it("believes only the proxies it was told about for the client address", async () => {
    const { prisma } = getDb();
    const behindOne = await startServer(getDb(), { trustProxy: 1 });
    try {
      const email = `proxy-${Date.now()}@example.com`;
      const res = await fetch(`${behindOne.url}/trpc/auth.createToken`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          // The client wrote the first entry; our one proxy appended the real address.
          "x-forwarded-for": "6.6.6.6, 203.0.113.7",
        },
        body: JSON.stringify({ email, password: "wrong-password" }),
      });
      expect(res.status).toBe(401);
      const counted = await prisma.authAttempt.findMany({
        where: { kind: "SIGN_IN_ADDRESS", key: { in: ["6.6.6.6", "203.0.113.7"] } },
        select: { key: true },
      });
      expect(counted.map((c) => c.key)).toEqual(["203.0.113.7"]);
    } finally {
      await behindOne.close();
    }
  });
});
