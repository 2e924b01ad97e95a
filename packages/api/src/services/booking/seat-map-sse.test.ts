// The host's direct seat-map stream: tRPC's SSE framing, the first map held back until the host
// starts writing, one shared frame per change for everyone who sees it alike, MINE for the
// owner only; on PGlite and PostgreSQL.
import { describeEachDatabase } from "@marquee/db/testing";
import { afterEach, expect, it } from "vitest";
import { createBookingScene } from "../../test/factories";
import { createLiveSeatMaps } from "./seat-map";
import { type SeatMapFeed } from "./seat-map-feed";
import { openSeatMapSse, sseFrame } from "./seat-map-sse";

const T0 = new Date("2030-06-01T12:00:00.000Z");

it("frames an event as tRPC's SSE producer does", () => {
  expect(sseFrame({ data: '{"a":1}', id: "e.2" })).toBe('data: {"a":1}\nid: e.2\n\n\n');
  expect(sseFrame({ event: "ping", data: "" })).toBe("event: ping\ndata: \n\n\n");
});

describeEachDatabase("direct seat-map streams", (getDb) => {
  let feed: SeatMapFeed | undefined;
  afterEach(() => feed?.close());

  it("holds the first map until started, then writes shared frames and MINE only to the owner", async () => {
    const scene = await createBookingScene(getDb().prisma, {
      now: T0,
      startsAt: new Date(T0.getTime() + 48 * 3_600_000),
    });
    feed = createLiveSeatMaps(
      { db: getDb().prisma, config: { salesCutoffMinutes: 0 } },
      {
        now: () => T0,
      },
    );
    const open = (userId: string | null) => {
      const frames: Buffer[] = [];
      const viewer = openSeatMapSse(feed as SeatMapFeed, { showtimeId: scene.show.id, userId });
      return { frames, viewer };
    };
    const viewers = [open(null), open(null), open(scene.bob.id), open(scene.alice.id)];
    const started = await Promise.all(viewers.map((v) => v.viewer));
    for (const [i, viewer] of started.entries()) {
      expect(viewers[i]?.frames).toEqual([]); // nothing before the host starts writing
      viewer?.start({ write: (f) => viewers[i]?.frames.push(f), end: () => undefined });
    }
    const [anonymous, anonymous2, bob, alice] = viewers.map((v) => v.frames);
    const text = (f: Buffer | undefined) => f?.toString() ?? "";
    expect(text(anonymous?.[0])).toMatch(
      /^data: \{"type":"map","version":1,.*\}\nid: [\w-]+\.1\n\n\n$/,
    );
    // Viewers without seats share one map frame.
    expect(anonymous2?.[0]).toBe(anonymous?.[0]);
    expect(bob?.[0]).toBe(anonymous?.[0]);

    await scene.hold(scene.alice, ["A1"]);
    feed.notify(`showtime:${scene.show.id}`);
    while ((alice?.length ?? 0) < 2) await new Promise((r) => setTimeout(r, 10));
    const seat = scene.cinema.seat("A1");
    expect(text(anonymous?.[1])).toContain(`{"id":"${seat}","state":"HELD"}`);
    expect(text(anonymous?.[1])).toMatch(/\nid: [\w-]+\.2\n\n\n$/);
    expect(anonymous2?.[1]).toBe(anonymous?.[1]);
    expect(bob?.[1]).toBe(anonymous?.[1]);
    expect(text(alice?.[1])).toContain(`{"id":"${seat}","state":"MINE"}`);
    for (const viewer of started) viewer?.close();
  });

  it("answers null for a showtime that does not exist", async () => {
    feed = createLiveSeatMaps({ db: getDb().prisma, config: { salesCutoffMinutes: 0 } });
    const viewer = await openSeatMapSse(feed, {
      showtimeId: "00000000-0000-4000-8000-000000000000",
      userId: null,
    });
    expect(viewer).toBeNull();
  });
});
