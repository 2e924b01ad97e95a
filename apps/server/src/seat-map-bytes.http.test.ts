// GET showtime.seatMap answered from ready-made bytes: the same body tRPC sends (a request
// with an extra query parameter still goes through tRPC, which ignores it), ETags from the
// map's version, 304 on revalidation, MINE only for its owner (bearer or cookie), a new tag
// after a change, and everything else (unknown or malformed ids, batches) left to tRPC.
import { createSeatMapCache, createSessionCache, defaultApiConfig } from "@marquee/api";
import { createShowtimeOnSale, createUser } from "@marquee/api/testing";
import { describeEachDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seatMapRequestOf } from "./seat-map-bytes";
import { COOKIE } from "./http-session";
import { call, startServer, type RunningServer } from "./test/start-server";

type Answer = { status: number; text: string; etag: string | null; headers: Headers };

describeEachDatabase("seat-map bytes over HTTP", (getDb) => {
  let server: RunningServer;
  let unlisten: () => Promise<void>;
  // Long lifetimes: only invalidation (NOTIFY) can refresh them.
  const seatMaps = createSeatMapCache({ ttlMs: 60_000 });
  beforeAll(async () => {
    unlisten = await getDb().listen("marquee_seatmap", (key) => seatMaps.invalidate(key));
    server = await startServer(getDb(), {
      api: defaultApiConfig,
      seatMaps,
      sessions: createSessionCache({ ttlMs: 60_000 }),
    });
  });
  afterAll(async () => {
    await server.close();
    await unlisten();
  });

  const input = (showtimeId: unknown) => encodeURIComponent(JSON.stringify({ showtimeId }));
  async function get(query: string, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${server.url}/trpc/showtime.seatMap?${query}`, { headers });
    return {
      status: res.status,
      text: await res.text(),
      etag: res.headers.get("etag"),
      headers: res.headers,
    };
  }
  /** The fast path's answer and tRPC's own, for the same request. */
  async function both(showtimeId: unknown, headers: Record<string, string> = {}) {
    const fast = await get(`input=${input(showtimeId)}`, headers);
    const trpc = await get(`input=${input(showtimeId)}&via=trpc`, headers);
    return { fast, trpc };
  }
  const fromBytes = (a: Answer) => a.etag?.startsWith('W/"sm-') ?? false;

  async function eventually(check: () => Promise<boolean>): Promise<boolean> {
    for (let i = 0; i < 250; i += 1) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  it("answers anonymous viewers with tRPC's bytes and headers, and 304 on revalidation", async () => {
    const { showtime } = await createShowtimeOnSale(getDb().prisma, ["SSSS", "PPPP"]);
    const { fast, trpc } = await both(showtime.id);
    expect(fast.status).toBe(200);
    expect(fromBytes(fast)).toBe(true);
    expect(fromBytes(trpc)).toBe(false);
    expect(fast.text).toBe(trpc.text);
    for (const header of ["content-type", "cache-control", "content-security-policy"]) {
      expect(fast.headers.get(header)).toBe(trpc.headers.get(header));
    }
    expect(fast.headers.get("x-request-id")).toBeTruthy();
    const again = await get(`input=${input(showtime.id)}`, { "if-none-match": fast.etag ?? "" });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
  });

  it("shows MINE to the owner only, by bearer token or cookie, in tRPC's bytes", async () => {
    const { showtime, seatIds } = await createShowtimeOnSale(getDb().prisma, ["SSSS"]);
    const [owner, other] = [await createUser(getDb().prisma), await createUser(getDb().prisma)];
    const held = await call(server.url, "reservation.hold", {
      mutation: true,
      input: { showtimeId: showtime.id, seatIds: [seatIds[1], seatIds[2]] },
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(held.status).toBe(200);
    const held2 = await eventually(async () =>
      (await get(`input=${input(showtime.id)}`)).text.includes('"HELD"'),
    );
    expect(held2).toBe(true);

    const anonymous = await both(showtime.id);
    expect(anonymous.fast.text).toBe(anonymous.trpc.text);
    expect(anonymous.fast.text).not.toContain('"state":"MINE"');
    const ways: Record<string, string>[] = [
      { authorization: `Bearer ${owner.token}` },
      { cookie: `${COOKIE}=${owner.token}` },
    ];
    for (const headers of ways) {
      const { fast, trpc } = await both(showtime.id, headers);
      expect(fromBytes(fast)).toBe(true);
      expect(fast.text).toBe(trpc.text);
      expect(fast.text.match(/"state":"MINE"/g)?.length).toBe(2);
      expect(fast.etag).not.toBe(anonymous.fast.etag);
      // The owner's tag revalidates the owner's map, not the shared one.
      const again = await get(`input=${input(showtime.id)}`, {
        ...headers,
        "if-none-match": fast.etag ?? "",
      });
      expect(again.status).toBe(304);
      const asGuest = await get(`input=${input(showtime.id)}`, {
        "if-none-match": fast.etag ?? "",
      });
      expect(asGuest.status).toBe(200);
    }
    const forOther = await both(showtime.id, { authorization: `Bearer ${other.token}` });
    expect(forOther.fast.text).toBe(anonymous.fast.text);
    expect(forOther.fast.etag).toBe(anonymous.fast.etag);
    // A token that names no session: an anonymous viewer, and the stale cookie is cleared.
    const stale = await get(`input=${input(showtime.id)}`, { cookie: `${COOKIE}=not-a-session` });
    expect(stale.text).toBe(anonymous.fast.text);
    expect(stale.headers.getSetCookie().join()).toContain(`${COOKIE}=;`);
  });

  it("tags a changed map anew: a hold elsewhere ends the old tag's 304s", async () => {
    const { showtime, seatIds } = await createShowtimeOnSale(getDb().prisma, ["SSSS"]);
    const user = await createUser(getDb().prisma);
    const before = await get(`input=${input(showtime.id)}`);
    expect(fromBytes(before)).toBe(true);
    const held = await call(server.url, "reservation.hold", {
      mutation: true,
      input: { showtimeId: showtime.id, seatIds: [seatIds[0]] },
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(held.status).toBe(200);
    const changed = await eventually(async () => {
      const now = await get(`input=${input(showtime.id)}`, { "if-none-match": before.etag ?? "" });
      return now.status === 200 && now.etag !== before.etag && now.text.includes('"HELD"');
    });
    expect(changed).toBe(true);
    const { fast, trpc } = await both(showtime.id);
    expect(fast.text).toBe(trpc.text);
  });

  it("leaves unknown and malformed ids and batches to tRPC's usual answers", async () => {
    const { showtime } = await createShowtimeOnSale(getDb().prisma, ["SS"]);
    for (const id of ["6f1c1d5e-2a4b-4c3d-9e8f-0a1b2c3d4e5f", "not-an-id", 42]) {
      const { fast, trpc } = await both(id);
      expect(fast.status).toBe(id === 42 || id === "not-an-id" ? 400 : 404);
      expect(fast.status).toBe(trpc.status);
      expect(fromBytes(fast)).toBe(false);
      expect(fast.text).toBe(trpc.text);
    }
    const garbled = await get("input=%7Bnot-json");
    expect(garbled.status).toBe(400);
    const batch = await fetch(
      `${server.url}/trpc/showtime.seatMap?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { showtimeId: showtime.id } }))}`,
    );
    expect(batch.status).toBe(200);
    expect(batch.headers.get("etag")?.startsWith('W/"sm-')).toBe(false);
    const [first] = (await batch.json()) as { result: { data: { showtimeId: string } } }[];
    expect(first?.result.data.showtimeId).toBe(showtime.id);
  });
});

it("reads only a plain seat-map GET with a valid input", () => {
  const id = "6f1c1d5e-2a4b-4c3d-9e8f-0a1b2c3d4e5f";
  const q = (s: string) => encodeURIComponent(s);
  expect(seatMapRequestOf(`/trpc/showtime.seatMap?input=${q(`{"showtimeId":"${id}"}`)}`)).toBe(id);
  expect(seatMapRequestOf(`/trpc/showtime.seatMap?input=${q(`{"showtimeId":"x"}`)}`)).toBeNull();
  expect(seatMapRequestOf(`/trpc/showtime.seatMap?batch=1&input=${q("{}")}`)).toBeNull();
  expect(
    seatMapRequestOf(`/trpc/showtime.seatMapX?input=${q(`{"showtimeId":"${id}"}`)}`),
  ).toBeNull();
  expect(seatMapRequestOf(`/trpc/showtime.seatMap,showtime.byId?input=%7B%7D`)).toBeNull();
  expect(seatMapRequestOf(`/trpc/showtime.seatMap`)).toBeNull();
  expect(seatMapRequestOf(`/trpc/showtime.seatMap?input=%7B`)).toBeNull();
});
