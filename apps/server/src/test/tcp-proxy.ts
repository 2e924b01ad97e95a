// A TCP proxy in front of PostgreSQL that a test can cut: refuse (the database is gone:
// connections reset, new ones refused) or blackhole (packets vanish: nothing answers, nothing
// closes), then restore on the same port. Cheaper and more deterministic than stopping a server.
import { createServer, Socket, type Server } from "node:net";

export type TcpProxy = {
  port: number;
  /** Resets every connection and stops listening: clients see ECONNRESET / ECONNREFUSED. */
  refuse(): Promise<void>;
  /** Keeps every connection open but forwards nothing, and accepts new ones silently. */
  blackhole(): void;
  /** Back to forwarding (blackholed connections are reset: their state is lost anyway). */
  restore(): Promise<void>;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: "forward" | "blackhole" = "forward";
  const pairs = new Set<[Socket, Socket | null]>();

  const onConnection = (client: Socket) => {
    client.on("error", () => undefined);
    if (mode === "blackhole") {
      const pair: [Socket, null] = [client, null];
      pairs.add(pair);
      client.on("close", () => pairs.delete(pair));
      return;
    }
    const upstream = new Socket();
    upstream.on("error", () => undefined);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end);
    upstream.on("close", end);
    upstream.connect(target.port, target.host);
    client.pipe(upstream);
    upstream.pipe(client);
  };

  let server: Server = createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        resolve(address && typeof address === "object" ? address.port : port);
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
  const resetAll = () => {
    for (const [client, upstream] of pairs) {
      client.resetAndDestroy();
      upstream?.destroy();
    }
    pairs.clear();
  };

  const port = await listen(0);
  let listening = true;
  return {
    port,
    async refuse() {
      mode = "forward";
      if (listening) {
        listening = false;
        const closed = stopListening();
        resetAll();
        await closed;
      } else {
        resetAll();
      }
    },
    blackhole() {
      mode = "blackhole";
      for (const [client, upstream] of pairs) {
        client.unpipe();
        upstream?.unpipe();
        client.pause();
        upstream?.pause();
      }
    },
    async restore() {
      if (mode === "blackhole") resetAll();
      mode = "forward";
      if (!listening) {
        server = createServer(onConnection);
        await listen(port);
        listening = true;
      }
    },
    async close() {
      resetAll();
      if (listening) await stopListening();
      listening = false;
    },
  };
}
