// The general per-address rate limit for the API (@fastify/rate-limit), counted in the
// database so every server process enforces one limit (see the API's shared counters).
// Static files are not limited: only /trpc.
import rateLimit, { type FastifyRateLimitStore } from "@fastify/rate-limit";
import { type SharedCounters } from "@marquee/api";
import { type FastifyInstance } from "fastify";
import { REST_PREFIX } from "./openapi";

export async function useRateLimit(
  app: FastifyInstance,
  options: { counters: SharedCounters; perMinute: number },
): Promise<void> {
  const { counters } = options;
  // The plugin builds its store with `new`; this one only adapts the shared counters.
  class SharedStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      callback(null, counters.hit(key, timeWindow));
    }
    child(): FastifyRateLimitStore {
      return new SharedStore();
    }
  }
  await app.register(rateLimit, {
    global: true,
    max: options.perMinute,
    timeWindow: 60_000,
    hook: "onRequest",
    store: SharedStore,
    keyGenerator: (req) => req.ip,
    allowList: (req) => !req.url.startsWith("/trpc") && !req.url.startsWith(REST_PREFIX),
    // The shape tRPC clients read errors in, so scripts and the web app show the message.
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      error: {
        message: `Too many requests from this address; try again in ${context.after}`,
        code: -32029,
        data: { code: "TOO_MANY_REQUESTS", httpStatus: 429 },
      },
    }),
  });
}
