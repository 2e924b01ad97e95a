// @marquee/client: a typed client for a Marquee server. The API's types ship with it
// (dist/index.d.ts), so a script needs only this package to get every procedure's input and
// output checked.
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
  type TRPCLink,
} from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { EventSource } from "eventsource";
import { MAX_BATCH_SIZE, mustTravelAlone } from "@marquee/domain";
import type { AppRouter, ErrorShape } from "./generated/router";

export type { AppRouter, ErrorShape };
/** Every procedure's input, e.g. `RouterInputs["reservation"]["hold"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Every procedure's output as it arrives (dates as ISO strings). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type MarqueeClient = TRPCClient<AppRouter>;
export { TRPCClientError, isTRPCClientError } from "@trpc/client";

export type MarqueeClientOptions = {
  /** The server, e.g. `https://tickets.example.com` (its API lives under /trpc). */
  url: string;
  /**
   * A bearer token from `auth.createToken`, or a function read before each request (so a
   * script can sign in and keep using the same client).
   */
  token?: string | (() => string | null | undefined);
  /** A fetch implementation (default: the global fetch), for calls and live streams alike. */
  fetch?: typeof globalThis.fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
};

/** The API endpoint of a server URL: `https://x` and `https://x/trpc` both mean `https://x/trpc`. */
export function apiUrl(url: string): string {
  const base = url.replace(/\/+$/, "");
  return base.endsWith("/trpc") ? base : `${base}/trpc`;
}

/**
 * The links the server expects: throttled calls (sign-in, sign-up, tokens, booking-code
 * look-ups) each in a request of their own, everything else batched, at most
 * MAX_BATCH_SIZE calls per request (the server refuses larger batches), and subscriptions
 * (e.g. `showtime.seatMapChanges`) as server-sent events. Those use the `eventsource`
 * package rather than a global EventSource: Node has none, and a browser's cannot send the
 * bearer token; it reconnects by itself and resumes from the last event it received.
 */
export function marqueeLinks(options: MarqueeClientOptions): TRPCLink<AppRouter>[] {
  const url = apiUrl(options.url);
  const headers = () => {
    const token = typeof options.token === "function" ? options.token() : options.token;
    return { ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  };
  const common = { url, headers, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const streamFetch = options.fetch ?? globalThis.fetch;
  return [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({
        url,
        EventSource,
        // Read at every (re)connection, so a token set later is sent too.
        eventSourceOptions: () => ({
          fetch: (input, init) =>
            streamFetch(input, { ...init, headers: { ...init.headers, ...headers() } }),
        }),
      }),
      false: splitLink({
        condition: (op) => mustTravelAlone(op.path),
        true: httpLink(common),
        false: httpBatchLink({ ...common, maxItems: MAX_BATCH_SIZE }),
      }),
    }),
  ];
}

/** A typed client for the Marquee server at `url`. */
export function createMarqueeClient(options: MarqueeClientOptions): MarqueeClient {
  return createTRPCClient<AppRouter>({ links: marqueeLinks(options) });
}
