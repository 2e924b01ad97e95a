// One LISTEN connection per process for every channel (seat maps, sessions, …): each channel
// is LISTENed once however many subscribers it has. If the connection drops, every
// subscriber is told (notifications sent meanwhile are lost, so caches must forget), and it
// reconnects every second and LISTENs again. Operations run one at a time, so a channel added
// while a connection is being opened is never missed.
import pg from "pg";

export type Subscriber = { onMessage: (payload: string) => void; onReset?: () => void };

export type PgListener = {
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onReset?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

const CHANNEL = /^[a-z_][a-z0-9_]*$/;
const RECONNECT_MS = 1_000;

export function createPgListener(
  url: string,
  options: { applicationName?: string; reconnectMs?: number } = {},
): PgListener {
  const subscribers = new Map<string, Set<Subscriber>>();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every earlier operation, whatever became of them. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: 5_000,
      ...(options.applicationName ? { application_name: options.applicationName } : {}),
    });
    // Listeners before anything can fail, and for good: an 'error' event nobody listens to
    // (the server terminating the connection, now or after it was dropped) kills the process.
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      void c.end().catch(() => undefined);
      if (client !== c) return;
      client = null;
      if (!closed && subscribers.size > 0) lostConnection();
    };
    c.on("error", onLost);
    c.on("end", onLost);
    c.on("notification", (n) => {
      for (const s of subscribers.get(n.channel) ?? []) s.onMessage(n.payload ?? "");
    });
    try {
      await c.connect();
      for (const channel of subscribers.keys()) await c.query(`LISTEN ${channel}`);
      if (lost) throw new Error("the LISTEN connection was lost while it was set up");
    } catch (error) {
      onLost();
      throw error;
    }
    client = c;
  };

  // Notifications sent while disconnected are lost: report a reset, then keep retrying.
  const lostConnection = () => {
    for (const set of subscribers.values()) for (const s of set) s.onReset?.();
    if (retry) return;
    retry = setTimeout(() => {
      retry = null;
      void serial(async () => {
        if (!closed && !client && subscribers.size > 0) await connect();
      }).catch(lostConnection);
    }, options.reconnectMs ?? RECONNECT_MS);
    retry.unref();
  };

  const unsubscribe = (channel: string, subscriber: Subscriber) =>
    serial(async () => {
      const set = subscribers.get(channel);
      if (!set?.delete(subscriber) || set.size > 0) return;
      subscribers.delete(channel);
      if (!client) return;
      if (subscribers.size === 0) {
        const c = client;
        client = null;
        await c.end().catch(() => undefined);
      } else {
        await client.query(`UNLISTEN ${channel}`).catch(() => undefined);
      }
    });

  return {
    listen(channel, onMessage, onReset) {
      if (!CHANNEL.test(channel)) return Promise.reject(new Error(`bad channel name ${channel}`));
      const subscriber: Subscriber = { onMessage, ...(onReset ? { onReset } : {}) };
      return serial(async () => {
        if (closed) throw new Error("the listener is closed");
        let set = subscribers.get(channel);
        const first = !set;
        if (!set) subscribers.set(channel, (set = new Set()));
        set.add(subscriber);
        try {
          if (!client) await connect();
          else if (first) await client.query(`LISTEN ${channel}`);
        } catch (error) {
          set.delete(subscriber);
          if (set.size === 0) subscribers.delete(channel);
          throw error;
        }
        let done: Promise<void> | undefined;
        return () => (done ??= unsubscribe(channel, subscriber));
      });
    },
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      return serial(async () => {
        const c = client;
        client = null;
        await c?.end().catch(() => undefined);
      });
    },
  };
}
