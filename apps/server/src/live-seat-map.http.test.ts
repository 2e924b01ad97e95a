// Live seat maps over SSE through the real host and the real tRPC client: every booking
// step produces the right event, a reconnect resumes exactly where it left off, and the host
// lets streams through, caps them and cuts them on shutdown.
import { createLiveSeatMaps, defaultApiConfig, type SeatMapFeed } from "@marquee/api";
import { createShowtimeOnSale, createUser } from "@marquee/api/testing";
import { type ChildProcess } from "node:child_process";
import { createTestDb, describeEachDatabase, type TestDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveClient, stateIn, watchSeatMap, type Watcher } from "./test/live-client";
import { startChildServer, startServer, type RunningServer } from "./test/start-server";

describeEachDatabase("live seat maps over SSE", (getDb) => {
  let server: RunningServer;
  let feed: SeatMapFeed;
  let unlisten: () => Promise<void>;
  const watchers: Watcher[] = [];
  beforeAll(async () => {
    feed = createLiveSeatMaps({ db: getDb().prisma, config: defaultApiConfig });
    unlisten = await getDb().listen("marquee_seatmap", (key) => feed.notify(key));
    server = await startServer(getDb(), { seatMapFeed: feed });
  });
  afterAll(async () => {
    for (const w of watchers) w.stop();
    await server.close();
    feed.close();
    await unlisten();
  });
  const watch = (...args: Parameters<typeof watchSeatMap>) => {
    const w = watchSeatMap(...args);
    watchers.push(w);
    return w;
  };
  const versionOf = (w: Watcher) => w.events.at(-1)?.event.version ?? 0;

  it("sends the full map first, then each hold, confirm and cancel as a change", async () => {
    const { showtime, seatIds } = await createShowtimeOnSale(getDb().prisma, ["SSSS"]);
    const [a = "", b = ""] = seatIds;
    const buyer = await createUser(getDb().prisma);
    const anonymous = watch(liveClient(server.url), showtime.id);
    const own = watch(liveClient(server.url, buyer.token), showtime.id);
    const first = await anonymous.waitFor(() => true);
    expect(first.event.type).toBe("map");
    expect(stateIn(first.event, a)).toBe("AVAILABLE");
    await own.waitFor((e) => e.type === "map");

    const api = liveClient(server.url, buyer.token);
    const hold = await api.reservation.hold.mutate({ showtimeId: showtime.id, seatIds: [a, b] });
    const held = await anonymous.waitFor((e) => e.type === "changes", 1);
    expect(held.event.type === "changes" && held.event.seats).toEqual(
      expect.arrayContaining([
        { id: a, state: "HELD" },
        { id: b, state: "HELD" },
      ]),
    );
    const mine = await own.waitFor((e) => e.type === "changes", 1);
    expect(stateIn(mine.event, a)).toBe("MINE");

    const seen = anonymous.events.length;
    await api.reservation.confirm.mutate({ reservationId: hold.id });
    const sold = await anonymous.waitFor((e) => stateIn(e, a) === "SOLD", seen);
    expect(stateIn(sold.event, b)).toBe("SOLD");
    expect(sold.event.version).toBeGreaterThan(held.event.version);
    // Owners never travel: the buyer still sees their seats as MINE.
    expect(stateIn((await own.waitFor((e) => e.version === sold.event.version)).event, a)).toBe(
      "MINE",
    );

    const beforeCancel = anonymous.events.length;
    await api.reservation.cancel.mutate({ reservationId: hold.id });
    const freed = await anonymous.waitFor((e) => stateIn(e, a) === "AVAILABLE", beforeCancel);
    expect(stateIn(freed.event, b)).toBe("AVAILABLE");
    // Versions only go up, by one per change, and every event has its own id.
    const versions = anonymous.events.map((e) => e.event.version);
    expect(versions).toEqual(versions.map((_, i) => (versions[0] ?? 0) + i));
    expect(new Set(anonymous.events.map((e) => e.id)).size).toBe(anonymous.events.length);
  });

  it("announces an expired hold when its deadline passes, with no sweep and no write", async () => {
    const { showtime, seatIds } = await createShowtimeOnSale(getDb().prisma, ["SSSS"]);
    const seat = seatIds[0] ?? "";
    const buyer = await createUser(getDb().prisma);
    const viewer = watch(liveClient(server.url), showtime.id);
    await viewer.waitFor((e) => e.type === "map");
    const hold = await liveClient(server.url, buyer.token).reservation.hold.mutate({
      showtimeId: showtime.id,
      seatIds: [seat],
    });
    const heldAt = viewer.events.length;
    await viewer.waitFor((e) => stateIn(e, seat) === "HELD");
    // The deadline moved close (a write), then nothing else happens in the database.
    await getDb().prisma.reservation.update({
      where: { id: hold.id },
      data: { holdExpiresAt: new Date(Date.now() + 1_500) },
    });
    const expired = await viewer.waitFor((e) => stateIn(e, seat) === "AVAILABLE", heldAt);
    expect(expired.event.type).toBe("changes");
    const row = await getDb().prisma.reservation.findUniqueOrThrow({ where: { id: hold.id } });
    expect(row.status).toBe("HELD"); // nobody swept it: the event came from the timer
  });

  it("resumes from lastEventId with exactly the missed changes, or a full map when unknown", async () => {
    const { showtime, seatIds } = await createShowtimeOnSale(getDb().prisma, ["SSSSSS"]);
    const users = [await createUser(getDb().prisma), await createUser(getDb().prisma)];
    const first = watch(liveClient(server.url), showtime.id);
    await first.waitFor((e) => e.type === "map");
    await liveClient(server.url, users[0]?.token).reservation.hold.mutate({
      showtimeId: showtime.id,
      seatIds: [seatIds[0] ?? ""],
    });
    const lastSeen = await first.waitFor((e) => stateIn(e, seatIds[0] ?? "") === "HELD");
    first.stop();

    // Missed while away: two holds, each its own change.
    const held = await liveClient(server.url, users[1]?.token).reservation.hold.mutate({
      showtimeId: showtime.id,
      seatIds: [seatIds[1] ?? ""],
    });
    const tracker = watch(liveClient(server.url), showtime.id);
    await tracker.waitFor((e) => stateIn(e, seatIds[1] ?? "") === "HELD");
    // The tracker's first map may predate that hold: look only after the HELD.
    const afterHold = tracker.events.length;
    await liveClient(server.url, users[1]?.token).reservation.cancel.mutate({
      reservationId: held.id,
    });
    const latest = await tracker.waitFor(
      (e) => stateIn(e, seatIds[1] ?? "") === "AVAILABLE",
      afterHold,
    );

    const resumed = watch(liveClient(server.url), showtime.id, lastSeen.id);
    await resumed.waitFor((e) => e.version === latest.event.version);
    expect(resumed.events.map((e) => e.event.type)).toEqual(["changes", "changes"]);
    expect(resumed.events.map((e) => e.event.version)).toEqual([
      lastSeen.event.version + 1,
      lastSeen.event.version + 2,
    ]);
    expect(resumed.events.map((e) => stateIn(e.event, seatIds[1] ?? ""))).toEqual([
      "HELD",
      "AVAILABLE",
    ]);

    const current = watch(liveClient(server.url), showtime.id, latest.id);
    const unknown = watch(liveClient(server.url), showtime.id, "elsewhere.3");
    const full = await unknown.waitFor(() => true);
    expect(full.event.type).toBe("map");
    expect(stateIn(full.event, seatIds[0] ?? "")).toBe("HELD");
    // Up to date: nothing is resent until the next change.
    await liveClient(server.url, users[1]?.token).reservation.hold.mutate({
      showtimeId: showtime.id,
      seatIds: [seatIds[2] ?? ""],
    });
    const next = await current.waitFor(() => true);
    expect(next.event.version).toBe(latest.event.version + 1);
    expect(versionOf(current)).toBe(latest.event.version + 1);
  });

  it("streams on the host's direct path byte for byte as tRPC does, MINE seats included", async () => {
    const { showtime, seatIds } = await createShowtimeOnSale(getDb().prisma, ["SSSS"]);
    const [a = ""] = seatIds;
    // Which path opened each viewer: the direct path hands the feed a `deliver` callback.
    const paths: string[] = [];
    const open = feed.open.bind(feed);
    feed.open = (input, deliver) => {
      paths.push(deliver ? "direct" : "trpc");
      return open(input, deliver);
    };
    const buyer = await createUser(getDb().prisma);
    // A query parameter the direct path does not know (tRPC ignores it) sends a viewer to tRPC.
    const read = async (token: string | null, viaTrpc: boolean) => {
      const input = encodeURIComponent(JSON.stringify({ showtimeId: showtime.id }));
      const res = await fetch(
        `${server.url}/trpc/showtime.seatMapChanges?input=${input}${viaTrpc ? "&via=trpc" : ""}`,
        { headers: token ? { authorization: `Bearer ${token}` } : {} },
      );
      expect(res.headers.get("content-type")).toBe("text/event-stream");
      expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
      const reader = res.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>;
      const stream = { text: "", ended: false };
      void (async () => {
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) break;
          stream.text += new TextDecoder().decode(chunk.value);
        }
      })()
        .catch(() => undefined)
        .finally(() => (stream.ended = true));
      return { stream, stop: () => reader.cancel().catch(() => undefined) };
    };
    const until = async (test: () => boolean) => {
      while (!test()) await new Promise((r) => setTimeout(r, 20));
    };
    // Keep-alive pings come at each path's own moments.
    const text = (v: Awaited<ReturnType<typeof read>>) =>
      v.stream.text.replaceAll("event: ping\ndata: \n\n\n", "");
    const viewers = [
      await read(null, false),
      await read(null, true),
      await read(buyer.token, false),
      await read(buyer.token, true),
    ];
    const [anonymous, anonymousTrpc, own, ownTrpc] = viewers as [
      (typeof viewers)[0],
      (typeof viewers)[0],
      (typeof viewers)[0],
      (typeof viewers)[0],
    ];
    try {
      expect(paths).toEqual(["direct", "trpc", "direct", "trpc"]);
      const all = (fragment: string) => () =>
        viewers.every((v) => v.stream.ended || v.stream.text.includes(fragment));
      await until(all('"type":"map"'));
      await liveClient(server.url, buyer.token).reservation.hold.mutate({
        showtimeId: showtime.id,
        seatIds: [a],
      });
      await until(all('"type":"changes"'));
      expect(text(anonymous)).toMatch(/^event: connected\ndata: \{.*\}\n\n\ndata: \{"type":"map"/);
      expect(text(anonymous)).toContain(`{"id":"${a}","state":"HELD"}`);
      expect(text(anonymous)).toBe(text(anonymousTrpc));
      expect(text(own)).toContain(`{"id":"${a}","state":"MINE"}`);
      expect(text(own)).toBe(text(ownTrpc));
    } finally {
      feed.open = open;
      for (const v of viewers) await v.stop();
    }
  });

  it("refuses an unknown showtime with NOT_FOUND", async () => {
    const w = watch(liveClient(server.url), "00000000-0000-4000-8000-000000000000");
    const error = (await w.waitForError()) as { data?: { code?: string } };
    expect(error.data?.code).toBe("NOT_FOUND");
    expect(w.events).toEqual([]);
  });
});

describeEachDatabase("live streams through the host", (getDb) => {
  let server: RunningServer;
  let feed: SeatMapFeed;
  beforeAll(async () => {
    feed = createLiveSeatMaps({ db: getDb().prisma, config: defaultApiConfig });
    server = await startServer(getDb(), {
      seatMapFeed: feed,
      liveStreams: { perProcess: 3, perAddress: 2 },
    });
  });
  afterAll(async () => {
    await server.close();
    feed.close();
  });

  const streamUrl = (showtimeId: string) =>
    `${server.url}/trpc/showtime.seatMapChanges?input=${encodeURIComponent(JSON.stringify({ showtimeId }))}`;

  it("streams the answer instead of buffering it, and caps streams per address", async () => {
    const { showtime } = await createShowtimeOnSale(getDb().prisma, ["SSSS"]);
    const open: AbortController[] = [];
    const openStream = async () => {
      const ac = new AbortController();
      open.push(ac);
      return fetch(streamUrl(showtime.id), {
        signal: ac.signal,
        headers: { accept: "text/event-stream" },
      });
    };
    const first = await openStream();
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^text\/event-stream/);
    // The first event arrives while the stream stays open: nothing waited for its end.
    const reader = first.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined;
    let text = "";
    while (!text.includes('"type":"map"')) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) throw new Error(`stream ended early: ${text}`);
      text += new TextDecoder().decode(chunk.value);
    }
    expect((await openStream()).status).toBe(200);
    const refused = await openStream();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect(JSON.stringify(await refused.json())).toMatch(/MAX_LIVE_STREAMS_PER_ADDRESS/);

    // The client sees the refusal as an error (and the web app falls back to polling).
    const w = watchSeatMap(liveClient(server.url), showtime.id);
    expect(await w.waitForError()).toBeTruthy();
    w.stop();

    // Closing one frees its slot.
    open[0]?.abort();
    let again = await openStream();
    while (again.status === 429) again = await openStream();
    expect(again.status).toBe(200);
    for (const ac of open) ac.abort();
  });

  it("cuts open streams on shutdown, so close() does not wait for them", async () => {
    const { showtime } = await createShowtimeOnSale(getDb().prisma, ["SSSS"]);
    const own = await startServer(getDb(), { seatMapFeed: feed });
    const res = await fetch(
      `${own.url}/trpc/showtime.seatMapChanges?input=${encodeURIComponent(JSON.stringify({ showtimeId: showtime.id }))}`,
    );
    expect(res.status).toBe(200);
    await own.close();
    const reader = res.body?.getReader();
    // Drains what was sent, then the cut connection ends or fails the read.
    await expect(
      (async () => {
        for (;;) if ((await reader?.read())?.done !== false) return "ended";
      })().catch(() => "cut"),
    ).resolves.toMatch(/ended|cut/);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))(
  "live seat maps across processes [postgresql]",
  () => {
    let db: TestDatabase;
    let child: ChildProcess | undefined;
    beforeAll(async () => {
      db = await createTestDb("postgresql");
    }, 120_000);
    afterAll(async () => {
      child?.kill("SIGTERM");
      await db.close();
    });

    it("a viewer on process A sees a hold made on process B", async () => {
      const { showtime, seatIds } = await createShowtimeOnSale(db.prisma, ["SSSS"]);
      const seat = seatIds[1] ?? "";
      const buyer = await createUser(db.prisma);
      // A: the real entry point (main.ts wires the listener to the feed); B: another process.
      const a = await startChildServer(db.url, {});
      child = a.process;
      const b = await startServer(db);
      try {
        const viewer = watchSeatMap(liveClient(a.url), showtime.id);
        const first = await viewer.waitFor(() => true);
        expect(stateIn(first.event, seat)).toBe("AVAILABLE");
        await liveClient(b.url, buyer.token).reservation.hold.mutate({
          showtimeId: showtime.id,
          seatIds: [seat],
        });
        const held = await viewer.waitFor((e) => stateIn(e, seat) === "HELD", 1);
        expect(held.event.type).toBe("changes");
        viewer.stop();
      } finally {
        await b.close();
      }
    });
  },
);
