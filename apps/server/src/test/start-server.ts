// Starts the real host on a random port over a test database, for HTTP tests.
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestDatabase } from "@marquee/db/testing";
import { createTRPCClient, httpBatchLink, httpLink, type TRPCClient } from "@trpc/client";
import { type AppRouter } from "@marquee/api";
import { buildApp, type AppOptions } from "../app";

export type RunningServer = {
  url: string;
  close(): Promise<void>;
  client(headers?: Record<string, string>): TRPCClient<AppRouter>;
};

export function fakeWebDist(): string {
  const dir = join(tmpdir(), `marquee-web-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "index.html"),
    "<!doctype html><title>Marquee test shell</title><div id=root></div>",
  );
  return dir;
}

export async function startServer(
  db: TestDatabase,
  overrides: Partial<AppOptions> = {},
): Promise<RunningServer> {
  const app = await buildApp({
    db: db.prisma,
    api: { timeZone: "UTC", currency: "EUR", holdMinutes: 10 },
    webDistDir: fakeWebDist(),
    bodyLimit: 100 * 1024,
    logger: false,
    ...overrides,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    close: () => app.close(),
    client: (headers = {}) =>
      createTRPCClient<AppRouter>({
        links: [
          (headers["x-no-batch"] ? httpLink : httpBatchLink)({ url: `${url}/trpc`, headers }),
        ],
      }),
  };
}
