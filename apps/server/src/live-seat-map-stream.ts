// The direct path for showtime.seatMapChanges: a viewer is answered here, before tRPC, with
// the same SSE bytes tRPC would send (the API frames the events, each serialised once per
// change for everyone who sees it alike), so one change costs each viewer one socket write.
// The viewer is who their session says, as for tRPC (MINE seats, a renewed cookie). Whatever
// this path does not take on goes on to tRPC as before and gets tRPC's answer: input it does not
// recognise, an unknown showtime, a database failure, a refused stream.
import { type ServerResponse } from "node:http";
import {
  appRouter,
  openSeatMapSse,
  sseFrame,
  type SeatMapFeed,
  type SessionCache,
} from "@marquee/api";
import { type PrismaClient } from "@marquee/db";
import { type FastifyInstance } from "fastify";
import { type LiveStreams } from "./live-streams";
import { readViewer } from "./viewer";

const PATH = "/trpc/showtime.seatMapChanges";
/** The query parameters httpSubscriptionLink sends (tRPC reads the last two as lastEventId). */
const KNOWN_PARAMS = new Set(["input", "lastEventId", "Last-Event-Id"]);
/** A viewer this far behind (bytes not yet taken by its socket) is cut; it resumes on reconnect. */
const MAX_BEHIND_BYTES = 256 * 1024;
// tRPC's SSE response headers (sseHeaders in @trpc/server).
const SSE_HEADERS = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  connection: "keep-alive",
};

type Input = { showtimeId: string; lastEventId?: string | null };
type Schema = { safeParse(value: unknown): { success: boolean; data?: unknown } };

/** The procedure's own input schema: whatever it refuses is left to tRPC to answer. */
function inputSchema(): Schema {
  const schema = appRouter.showtime.seatMapChanges._def.inputs[0] as Schema | undefined;
  if (!schema) throw new Error("showtime.seatMapChanges has no input schema");
  return schema;
}

function parseInput(schema: Schema, url: URL, lastEventIdHeader: string | undefined): Input | null {
  for (const key of url.searchParams.keys()) if (!KNOWN_PARAMS.has(key)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(url.searchParams.get("input") ?? "");
  } catch {
    return null;
  }
  // As tRPC does (getLastEventId): the header, else the query, laid over the input.
  const lastEventId =
    lastEventIdHeader ??
    url.searchParams.get("lastEventId") ??
    url.searchParams.get("Last-Event-Id");
  if (lastEventId && typeof raw === "object" && raw !== null) raw = { ...raw, lastEventId };
  const parsed = schema.safeParse(raw);
  return parsed.success ? (parsed.data as Input) : null;
}

export type DirectPathAuth = { db: PrismaClient; sessions?: SessionCache; now: () => Date };

export function useSeatMapFastPath(
  app: FastifyInstance,
  feed: SeatMapFeed,
  live: LiveStreams,
  auth: DirectPathAuth,
) {
  const schema = inputSchema();
  const sse = appRouter._def._config.sse;
  const connected = Buffer.from(
    sseFrame({ event: "connected", data: JSON.stringify(sse?.client ?? {}) }),
  );
  const ping = Buffer.from(sseFrame({ event: "ping", data: "" }));
  const open = new Set<ServerResponse>();
  // One timer for all these streams (tRPC keeps one per stream).
  const pingMs = sse?.ping?.enabled ? (sse.ping.intervalMs ?? 1_000) : 0;
  const pinger =
    pingMs > 0 ? setInterval(() => open.forEach((res) => res.write(ping)), pingMs) : undefined;
  pinger?.unref();
  app.addHook("onClose", async () => clearInterval(pinger));

  app.addHook("preHandler", async (req, reply) => {
    if (req.method !== "GET" || !req.url.startsWith(PATH)) return;
    const url = new URL(req.url, "http://host");
    if (url.pathname !== PATH) return;
    const header = req.headers["last-event-id"];
    const input = parseInput(schema, url, typeof header === "string" ? header : undefined);
    if (!input || live.refusal(req.ip) !== null) return;
    // The same viewer tRPC's context would see (viewer.ts); any failure is left to tRPC.
    const who = await readViewer(req, auth).catch(() => null);
    if (!who) return;
    const viewer = await openSeatMapSse(feed, {
      showtimeId: input.showtimeId,
      userId: who.viewer.user?.id ?? null,
      lastEventId: input.lastEventId ?? undefined,
    }).catch(() => null);
    if (!viewer) return;
    who.keepCookie(reply);
    const res = reply.raw;
    if (res.destroyed) {
      viewer.close();
      return;
    }
    reply.hijack();
    // What the hooks before this one set (security headers, CORS), then tRPC's own.
    for (const [key, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) res.setHeader(key, value);
    }
    res.writeHead(200, { ...SSE_HEADERS, "x-request-id": req.id });
    res.write(connected);
    live.track(req.ip, res);
    open.add(res);
    res.once("close", () => {
      open.delete(res);
      viewer.close();
    });
    viewer.start({
      write(frame) {
        if (res.writableLength > MAX_BEHIND_BYTES) res.destroy();
        else res.write(frame);
      },
      end: () => res.end(),
    });
  });
}
