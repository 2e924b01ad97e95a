import { describeEachDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type RunningServer } from "./test/start-server";

describeEachDatabase("HTTP host", (getDb) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(getDb());
  });
  afterAll(() => server.close());

  it("answers /healthz and /readyz", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("serves the API to the real tRPC client", async () => {
    const result = await server.client().health.query();
    expect(result.status).toBe("ok");
    expect(Date.parse(result.time)).not.toBeNaN();
  });

  it("serves the web app, with SPA fallback for HTML navigations only", async () => {
    const root = await fetch(`${server.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain("Marquee test shell");
    const deep = await fetch(`${server.url}/movies/123`, { headers: { accept: "text/html" } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain("Marquee test shell");
    const json = await fetch(`${server.url}/no-such-thing`, {
      headers: { accept: "application/json" },
    });
    expect(json.status).toBe(404);
  });

  it("sends security headers and a request id on every response", async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
  });

  it("rejects a body over the limit with 413", async () => {
    const res = await fetch(`${server.url}/trpc/health`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ padding: "x".repeat(200 * 1024) }),
    });
    expect(res.status).toBe(413);
  });

  it("reports a missing procedure as a 404 without internals", async () => {
    const res = await fetch(`${server.url}/trpc/nope`);
    expect(res.status).toBe(404);
    const body = JSON.stringify(await res.json());
    expect(body).not.toMatch(/at .*\.ts:\d+/);
  });
});

describeEachDatabase("readiness", (getDb) => {
  it("/readyz says 503 once the database is gone, while /healthz stays up", async () => {
    const db = getDb();
    const server = await startServer(db);
    try {
      await db.close();
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describeEachDatabase("HTTP caching of queries", (getDb) => {
  it("answers a repeated query with 304 when nothing changed, never publicly cached", async () => {
    const server = await startServer(getDb());
    try {
      const first = await fetch(`${server.url}/trpc/health`);
      expect(first.status).toBe(200);
      const tag = first.headers.get("etag");
      expect(tag).toMatch(/^W\/"/);
      expect(first.headers.get("cache-control")).toBe("private, no-cache");
      // health carries the time, so it changes; cinema.info within the same second does not
      const info = await fetch(`${server.url}/trpc/cinema.info`);
      const again = await fetch(`${server.url}/trpc/cinema.info`, {
        headers: { "if-none-match": info.headers.get("etag") ?? "" },
      });
      expect([200, 304]).toContain(again.status);
      const map = await fetch(`${server.url}/trpc/hall.list`);
      const same = await fetch(`${server.url}/trpc/hall.list`, {
        headers: { "if-none-match": map.headers.get("etag") ?? "" },
      });
      expect(same.status).toBe(304);
      expect(await same.text()).toBe("");
    } finally {
      await server.close();
    }
  });
});
