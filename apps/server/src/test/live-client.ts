// A real tRPC client that subscribes over SSE (httpSubscriptionLink in a splitLink, as the
// web app does), on Node's side of things: the `eventsource` package stands in for the
// browser's EventSource, and a bearer token rides on its requests.
import { type AppRouter, type SeatMapEvent } from "@marquee/api";
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from "@trpc/client";
import { EventSource } from "eventsource";

export function liveClient(url: string, token?: string): TRPCClient<AppRouter> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: `${url}/trpc`,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) =>
              fetch(input, { ...init, headers: { ...init.headers, ...headers } }),
          },
        }),
        false: httpBatchLink({ url: `${url}/trpc`, headers }),
      }),
    ],
  });
}

export type Received = { id: string; event: SeatMapEvent };

export type Watcher = {
  events: Received[];
  errors: unknown[];
  /** Resolves with the first event (from `from` on) that passes `test`. */
  waitFor(test: (e: SeatMapEvent) => boolean, from?: number): Promise<Received>;
  waitForError(): Promise<unknown>;
  stop(): void;
};

/** Subscribes to showtime.seatMapChanges and records every event. */
export function watchSeatMap(
  client: TRPCClient<AppRouter>,
  showtimeId: string,
  lastEventId?: string,
): Watcher {
  const events: Received[] = [];
  const errors: unknown[] = [];
  let changed = () => {};
  const sub = client.showtime.seatMapChanges.subscribe(
    { showtimeId, ...(lastEventId ? { lastEventId } : {}) },
    {
      onData: (tracked) => {
        events.push({ id: tracked.id, event: tracked.data });
        changed();
      },
      onError: (error) => {
        errors.push(error);
        changed();
      },
    },
  );
  // Waits for a condition, not a time; the long deadline only turns a hang into a report.
  const until = <T>(find: () => T | undefined, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const report = setTimeout(() => {
        const seen = events.map(
          (e) => `${e.id} ${e.event.type} ${JSON.stringify(e.event).slice(0, 200)}`,
        );
        reject(
          new Error(
            `no ${what} arrived; received:\n${seen.join("\n")}\nerrors: ${errors.map(String).join("; ")}`,
          ),
        );
      }, 90_000);
      const check = () => {
        const found = find();
        if (found !== undefined) {
          changed = () => {};
          clearTimeout(report);
          resolve(found);
        }
      };
      changed = check;
      check();
    });
  return {
    events,
    errors,
    waitFor: (test, from = 0) =>
      until(
        () => events.slice(from).find((e) => test(e.event)),
        `event passing ${test.toString()}`,
      ),
    waitForError: () => until(() => errors[0], "error"),
    stop: () => sub.unsubscribe(),
  };
}

/** The state a change event gives a seat, if it names it. */
export function stateIn(event: SeatMapEvent, seatId: string): string | undefined {
  if (event.type === "map") return event.map.seats.find((s) => s.id === seatId)?.state;
  return event.seats.find((s) => s.id === seatId)?.state;
}
