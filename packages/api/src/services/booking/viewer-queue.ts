// One live viewer's queue: the feed pushes (a write), the viewer's stream awaits the next
// item. Bounded: a viewer that falls behind gets one full map instead of a growing backlog.
import { type FeedItem } from "./seat-map-state";

export type ViewerQueue = {
  push(item: FeedItem): void;
  /** The next item, or null once `signal` aborts or the queue is closed. */
  next(signal?: AbortSignal): Promise<FeedItem | null>;
  close(): void;
};

export function createViewerQueue(initial: FeedItem[], maxQueue: number): ViewerQueue {
  let queue = initial;
  let closed = false;
  let waiting: (() => void) | null = null;
  let watching: AbortSignal | null = null;
  const wake = () => {
    const resolve = waiting;
    waiting = null;
    resolve?.();
  };
  return {
    push(item) {
      if (closed) return;
      if (queue.length >= maxQueue) queue = [{ kind: "map" }];
      else queue.push(item);
      wake();
    },
    async next(signal) {
      if (signal && watching !== signal) {
        watching?.removeEventListener("abort", wake);
        watching = signal;
        signal.addEventListener("abort", wake, { once: true });
      }
      while (!closed && queue.length === 0 && !signal?.aborted) {
        await new Promise<void>((resolve) => {
          waiting = resolve;
        });
      }
      if (closed || signal?.aborted) return null;
      return queue.shift() ?? null;
    },
    close() {
      closed = true;
      wake();
      watching?.removeEventListener("abort", wake);
    },
  };
}
