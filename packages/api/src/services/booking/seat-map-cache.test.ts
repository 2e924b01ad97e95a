// The per-process seat-map cache stays bounded whatever ids it is asked for.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSeatMapCache, type CachedSeatMap } from "./seat-map-cache";

const map = (id: string, hallId = "hall-1"): CachedSeatMap => ({
  showtime: {
    id,
    hallId,
    status: "SCHEDULED",
    startsAt: new Date("2031-01-01T20:00:00Z"),
    currency: "EUR",
    priceStandard: 1000,
    pricePremium: 1000,
    priceWheelchair: 1000,
    priceCompanion: 1000,
  },
  seats: [],
  live: [],
});

describe("seat-map cache", () => {
  it("keeps no entry for ids that name no showtime", async () => {
    const cache = createSeatMapCache();
    for (let i = 0; i < 5_000; i += 1) {
      expect(await cache.get(randomUUID(), () => Promise.resolve(null))).toBeNull();
    }
    expect(cache.size()).toBe(0);
  });

  it("keeps at most maxEntries showtimes, dropping the least recently used", async () => {
    const cache = createSeatMapCache({ maxEntries: 50 });
    const hot = randomUUID();
    let loads = 0;
    const load = (id: string) => () => {
      loads += 1;
      return Promise.resolve(map(id));
    };
    await cache.get(hot, load(hot));
    for (let i = 0; i < 1_000; i += 1) {
      const id = randomUUID();
      await cache.get(id, load(id));
      await cache.get(hot, load(hot)); // stays recent, so never evicted
    }
    expect(cache.size()).toBe(50);
    expect(loads).toBe(1_001);
  });

  it("forgets a failed load and drops a hall's showtimes when the hall changes", async () => {
    const cache = createSeatMapCache();
    await expect(cache.get("a", () => Promise.reject(new Error("db down")))).rejects.toThrow();
    expect(cache.size()).toBe(0);
    await cache.get("s1", () => Promise.resolve(map("s1", "h1")));
    await cache.get("s2", () => Promise.resolve(map("s2", "h2")));
    cache.invalidate("hall:h1");
    expect(cache.size()).toBe(1);
    cache.invalidate("*");
    expect(cache.size()).toBe(0);
  });
});
