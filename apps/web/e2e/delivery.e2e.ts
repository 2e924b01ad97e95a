// The built app fetched as a browser fetches it, from the real production server: compressed
// scripts and styles, immutable fingerprinted assets, a revalidated index.html that paints a
// skeleton before any script runs, no source maps, and the home page's JavaScript budget.
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, startServer, type TestServer } from "./harness";

/** Gzipped JavaScript the home page may load before it shows films (issue 15). */
const FIRST_PAGE_JS_BUDGET = 120 * 1000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A GET that leaves the body as sent (fetch would decompress it). */
function rawGet(path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const BROWSER_ENCODINGS = "gzip, deflate, br, zstd";

/** The scripts and styles index.html names. */
async function shellAssets(): Promise<string[]> {
  const shell = await rawGet("/", { accept: "text/html", "accept-encoding": "identity" });
  const html = shell.body.toString();
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? "");
}

describe("delivery of the built web app", () => {
  it("sends index.html compressed, revalidated, with a skeleton painted before any script", async () => {
    const res = await rawGet("/", { accept: "text/html", "accept-encoding": BROWSER_ENCODINGS });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["cache-control"]).toBe("no-cache");

    const { context, page } = await newContext(browser, server);
    await context.route("**/*.js", (route) => route.abort());
    await page.goto("/");
    // No script ran, and the page still shows the brand and a loading state.
    await page.getByText("Marquee", { exact: true }).waitFor();
    await page.getByRole("status").getByText("Loading what's on…").waitFor();
    await context.close();
  });

  it("compresses every script and style, caches them for a year, and serves no source map", async () => {
    const assets = await shellAssets();
    expect(assets.some((a) => a.endsWith(".js"))).toBe(true);
    expect(assets.some((a) => a.endsWith(".css"))).toBe(true);
    for (const asset of assets) {
      const br = await rawGet(asset, { "accept-encoding": BROWSER_ENCODINGS });
      expect(br.status, asset).toBe(200);
      expect(br.headers["content-encoding"], asset).toBe("br");
      expect(br.headers["cache-control"], asset).toBe("public, max-age=31536000, immutable");
      const gz = await rawGet(asset, { "accept-encoding": "gzip" });
      expect(gz.headers["content-encoding"], asset).toBe("gzip");

      const plain = await rawGet(asset, { "accept-encoding": "identity" });
      expect(plain.body.toString(), asset).not.toMatch(/sourceMappingURL=/);
      // The precompressed copies are this very file, not a stale or empty one.
      expect(gunzipSync(gz.body).equals(plain.body), asset).toBe(true);
      expect(brotliDecompressSync(br.body).equals(plain.body), asset).toBe(true);
      const map = await rawGet(`${asset}.map`, { accept: "*/*" });
      expect(map.status, `${asset}.map`).toBe(404);
    }
  });

  it(`keeps the home page's JavaScript within ${FIRST_PAGE_JS_BUDGET / 1000} KB gzipped`, async () => {
    const { context, page } = await newContext(browser, server, {
      viewport: { width: 390, height: 844 },
    });
    const scripts = new Set<string>();
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.add(response.url());
    });
    await page.goto("/");
    await page.locator("article h2 a").first().waitFor();
    await page.waitForLoadState("networkidle");
    await context.close();

    let total = 0;
    const sizes: string[] = [];
    for (const url of scripts) {
      const path = new URL(url).pathname;
      const res = await rawGet(path, { "accept-encoding": "gzip" });
      expect(res.headers["content-encoding"], path).toBe("gzip");
      total += res.body.length;
      sizes.push(`${path}: ${res.body.length} B`);
    }
    // The route chunks are split: the seat page and the admin area are not part of it.
    expect(sizes.join("\n")).not.toMatch(/SeatSelectionPage|AdminApp|ReportsPage/);
    expect(total, sizes.join("\n")).toBeLessThanOrEqual(FIRST_PAGE_JS_BUDGET);
  });
});
