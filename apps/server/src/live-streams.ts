// Event streams (tRPC subscriptions over SSE) through the host: recognised by their content
// type, never buffered, counted per client address and per process (MAX_LIVE_STREAMS,
// MAX_LIVE_STREAMS_PER_ADDRESS), and ended when the server shuts down so that clients
// reconnect (with Last-Event-ID) to a process that stays up.
import { type ServerResponse } from "node:http";
import { type FastifyInstance } from "fastify";

export type LiveStreamLimits = { perProcess: number; perAddress: number };

export type LiveStreams = {
  /** Streams open now, in all and from one address. */
  open(address?: string): number;
  /** Why a new stream from `address` is refused now, or null when it may open. */
  refusal(address: string): string | null;
  /** Counts an open stream until it closes, and cuts it when the app closes. */
  track(address: string, raw: ServerResponse): void;
};

/** Whether an answer is an event stream (tRPC answers with a web Response). */
export function isEventStream(payload: unknown): boolean {
  return (
    payload instanceof Response &&
    (payload.headers.get("content-type") ?? "").startsWith("text/event-stream")
  );
}

/** How long a refused client should wait before trying again. */
const RETRY_AFTER_SECONDS = 30;

function refusalBody(message: string): string {
  return JSON.stringify({
    error: {
      message,
      code: -32029,
      data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, details: null },
    },
  });
}

/** Admits event streams up to the limits, and ends them all when the app closes. */
export function useLiveStreams(app: FastifyInstance, limits: LiveStreamLimits): LiveStreams {
  const byAddress = new Map<string, number>();
  const streams = new Set<ServerResponse>();

  const refusal = (address: string) =>
    streams.size >= limits.perProcess
      ? `This server has ${limits.perProcess} live streams open, its limit (MAX_LIVE_STREAMS); try again shortly`
      : (byAddress.get(address) ?? 0) >= limits.perAddress
        ? `Your address has ${limits.perAddress} live streams open, the limit (MAX_LIVE_STREAMS_PER_ADDRESS); close a tab or try again later`
        : null;
  const track = (address: string, raw: ServerResponse) => {
    byAddress.set(address, (byAddress.get(address) ?? 0) + 1);
    streams.add(raw);
    raw.once("close", () => {
      streams.delete(raw);
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left > 0) byAddress.set(address, left);
      else byAddress.delete(address);
    });
  };

  app.addHook("onSend", async (req, reply, payload) => {
    if (!isEventStream(payload)) return payload;
    const stream = payload as Response;
    const tooMany = refusal(req.ip);
    if (tooMany) {
      // The subscription never started: cancelling its body releases nothing it holds.
      await stream.body?.cancel().catch(() => undefined);
      void reply
        .code(429)
        .header("content-type", "application/json")
        .header("retry-after", String(RETRY_AFTER_SECONDS));
      return refusalBody(tooMany);
    }
    track(req.ip, reply.raw);
    return payload;
  });

  // app.close() waits for open requests, and a stream never finishes by itself: end them
  // first. An EventSource whose stream ends reconnects on its own.
  app.addHook("preClose", async () => {
    for (const raw of streams) raw.destroy();
  });

  return {
    open: (address) => (address === undefined ? streams.size : (byAddress.get(address) ?? 0)),
    refusal,
    track,
  };
}
