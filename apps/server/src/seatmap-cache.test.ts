// The seat-map cache is invalidated by the database (NOTIFY from triggers), so a change made
// through any server process shows at once, not after a TTL.
import { createSeatMapCache, defaultApiConfig } from "@marquee/api";
import { createShowtimeOnSale, createUser } from "@marquee/api/testing";
import { createDb } from "@marquee/db";
import { describeEachDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { call, startServer, type RunningServer } from "./test/start-server";

type SeatMapBody = { result: { data: { seats: { id: string; state: string }[] } } };

describeEachDatabase("seat-map cache", (getDb, provider) => {
  let server: RunningServer;
  let unlisten: () => Promise<void>;
  // Long lifetimes: only invalidation can refresh them.
  const cache = createSeatMapCache({ ttlMs: 60_000 });
  beforeAll(async () => {
    unlisten = await getDb().listen("marquee_seatmap", (key) => cache.invalidate(key));
    server = await startServer(getDb(), {
      api: defaultApiConfig,
      seatMaps: cache,
    });
  });
  afterAll(async () => {
    await server.close();
    await unlisten();
  });

  async function stateOf(showtimeId: string, seatId: string, token?: string) {
    const res = await call(server.url, "showtime.seatMap", {
      input: { showtimeId },
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return (res.body as SeatMapBody).result.data.seats.find((s) => s.id === seatId)?.state;
  }

  async function eventually(check: () => Promise<boolean>): Promise<boolean> {
    for (let i = 0; i < 50; i += 1) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  it("shows a hold made through this server at once", async () => {
    const { showtime, seatIds } = await createShowtimeOnSale(getDb().prisma, ["SSSS"]);
    const user = await createUser(getDb().prisma);
    const seat = seatIds[0] ?? "";
    expect(await stateOf(showtime.id, seat)).toBe("AVAILABLE"); // now cached
    const held = await call(server.url, "reservation.hold", {
      mutation: true,
      input: { showtimeId: showtime.id, seatIds: [seat] },
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(held.status).toBe(200);
    expect(await eventually(async () => (await stateOf(showtime.id, seat)) === "HELD")).toBe(true);
    expect(await stateOf(showtime.id, seat, user.token)).toBe("MINE");
    // The owner's MINE does not leak into the map everyone else is served.
    expect(await stateOf(showtime.id, seat)).toBe("HELD");
    expect(await stateOf(showtime.id, seat, user.token)).toBe("MINE");
  });

  it("answers a cached anonymous seat map with the same body, headers and a 304 on revalidation", async () => {
    const { showtime } = await createShowtimeOnSale(getDb().prisma, ["SSSS"]);
    const path = `${server.url}/trpc/showtime.seatMap?input=${encodeURIComponent(JSON.stringify({ showtimeId: showtime.id }))}`;
    const first = await fetch(path);
    const second = await fetch(path);
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(second.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(second.headers.get("cache-control")).toBe("private, no-cache");
    const revalidated = await fetch(path, {
      headers: { "if-none-match": first.headers.get("etag") ?? "" },
    });
    expect(revalidated.status).toBe(304);
  });

  it.runIf(provider === "postgresql")(
    "shows a change made by another process (its own connection pool) at once",
    async () => {
      const { showtime, seatIds } = await createShowtimeOnSale(getDb().prisma, ["SSSS"]);
      const user = await createUser(getDb().prisma);
      const seat = seatIds[1] ?? "";
      expect(await stateOf(showtime.id, seat)).toBe("AVAILABLE");
      const other = await createDb(getDb().url);
      const otherServer = await startServer({
        ...other,
        url: getDb().url,
        close: () => other.close(),
      });
      try {
        const held = await call(otherServer.url, "reservation.hold", {
          mutation: true,
          input: { showtimeId: showtime.id, seatIds: [seat] },
          headers: { authorization: `Bearer ${user.token}` },
        });
        expect(held.status).toBe(200);
        expect(await eventually(async () => (await stateOf(showtime.id, seat)) === "HELD")).toBe(
          true,
        );
      } finally {
        await otherServer.close();
        await other.close();
      }
    },
  );
});
