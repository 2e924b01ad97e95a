// The web app's delivery on a made-up build: precompressed files by Accept-Encoding, caching
// by kind of file, no source maps, SPA fallback. The real build is checked in
// apps/web/e2e/delivery.e2e.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMMUTABLE, REVALIDATE, serveWebApp } from "./static";

const script = `console.log(${JSON.stringify("a".repeat(2000))});\n`;
let dir: string;
let app: FastifyInstance;

function writeWithCopies(path: string, body: string): void {
  writeFileSync(path, body);
  writeFileSync(`${path}.gz`, gzipSync(body));
  writeFileSync(`${path}.br`, brotliCompressSync(body));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "marquee-static-"));
  mkdirSync(join(dir, "assets"));
  writeWithCopies(join(dir, "index.html"), "<!doctype html><title>shell</title>");
  writeWithCopies(join(dir, "assets", "index-AbC123.js"), script);
  writeFileSync(join(dir, "assets", "index-AbC123.js.map"), '{"version":3}');
  writeFileSync(join(dir, "favicon.svg"), "<svg/>");
  app = Fastify();
  await serveWebApp(app, dir);
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the web app's files", () => {
  it("sends brotli when accepted, else gzip, else the plain file, always varying on encoding", async () => {
    const url = "/assets/index-AbC123.js";
    const br = await app.inject({ url, headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.statusCode, br.payload).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(script.length / 4);

    const gz = await app.inject({ url, headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");

    const plain = await app.inject({ url, headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.payload).toBe(script);
  });

  it("caches fingerprinted assets for a year and revalidates the rest", async () => {
    const asset = await app.inject({
      url: "/assets/index-AbC123.js",
      headers: { "accept-encoding": "br" },
    });
    expect(asset.headers["cache-control"]).toBe(IMMUTABLE);
    for (const url of ["/", "/index.html", "/favicon.svg"]) {
      const res = await app.inject({ url, headers: { "accept-encoding": "br" } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe(REVALIDATE);
    }
  });

  it("never serves a source map, even one left in the folder", async () => {
    for (const accept of ["*/*", "text/html"]) {
      const res = await app.inject({ url: "/assets/index-AbC123.js.map", headers: { accept } });
      expect(res.statusCode, accept).toBe(404);
      expect(res.payload).not.toContain('"version"');
    }
  });

  it("answers HTML navigations with the app shell, compressed and revalidated", async () => {
    const res = await app.inject({
      url: "/movies/42",
      headers: { accept: "text/html", "accept-encoding": "gzip" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["cache-control"]).toBe(REVALIDATE);
    const missing = await app.inject({
      url: "/nope.json",
      headers: { accept: "application/json" },
    });
    expect(missing.statusCode).toBe(404);
  });
});
