import type { AppRouter } from "@marquee/api";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
} from "@trpc/client";
import { MAX_BATCH_SIZE, mustTravelAlone } from "@marquee/domain";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { errorInfo } from "./ui/errors";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export type QueryClientOptions = {
  /**
   * Called when any query or mutation answers UNAUTHORIZED (an expired or revoked session),
   * except mutations whose `meta.authRedirect` is false (sign-in itself).
   */
  onUnauthorized?: () => void;
};

/** Retrying cannot fix a 4xx (bad input, signed out, conflict); one retry for the rest. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const { httpStatus } = errorInfo(error);
  if (httpStatus !== null && httpStatus >= 400 && httpStatus < 500) return false;
  return failureCount < 1;
}

export function makeQueryClient(options: QueryClientOptions = {}): QueryClient {
  const { onUnauthorized } = options;
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (onUnauthorized && errorInfo(error).code === "UNAUTHORIZED") onUnauthorized();
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.authRedirect === false) return;
        if (onUnauthorized && errorInfo(error).code === "UNAUTHORIZED") onUnauthorized();
      },
    }),
    defaultOptions: { queries: { staleTime: 5_000, retry: shouldRetry } },
  });
}

export function makeTrpcClient(url = "/trpc") {
  const fetchSameOrigin: typeof fetch = (input, init) =>
    fetch(input, { ...init, credentials: "same-origin" });
  return createTRPCClient<AppRouter>({
    links: [
      // Subscriptions (live seat maps) are event streams (SSE) of their own; same-origin
      // EventSources carry the session cookie, so signed-in viewers see their seats as MINE.
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url }),
        // The server refuses throttled calls inside a batch, and batches over MAX_BATCH_SIZE.
        false: splitLink({
          condition: (op) => mustTravelAlone(op.path),
          true: httpLink({ url, fetch: fetchSameOrigin }),
          false: httpBatchLink({ url, fetch: fetchSameOrigin, maxItems: MAX_BATCH_SIZE }),
        }),
      }),
    ],
  });
}
