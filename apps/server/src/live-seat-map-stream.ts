// The fast path for showtime.seatMapChanges: a viewer without an account (no bearer token, no
// session cookie) is answered here, before tRPC, with the same SSE bytes tRPC would send (the
// API frames the events, serialised once per change for every such viewer), so one change costs
// each viewer one socket write. Everything else goes on to tRPC as before: signed-in viewers
// (MINE seats), input this path does not recognise, an unknown showtime, a refused stream.
import { type ServerResponse } from "node:http";
import { appRouter, openSeatMapSse, sseFrame, type SeatMapFeed } from "@marquee/api";
import { type FastifyInstance } from "fastify";
import { readCredentials } from "./http-session";
import { type LiveStreams } from "./live-streams";

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

export function useSeatMapFastPath(app: FastifyInstance, feed: SeatMapFeed, live: LiveStreams) {
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
    if (url.pathname !== PATH || readCredentials(req).kind !== "none") return;
    const header = req.headers["last-event-id"];
    const input = parseInput(schema, url, typeof header === "string" ? header : undefined);
    if (!input || live.refusal(req.ip) !== null) return;
    const viewer = await openSeatMapSse(feed, {
      showtimeId: input.showtimeId,
      lastEventId: input.lastEventId ?? undefined,
    }).catch(() => null);
    if (!viewer) return;
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
