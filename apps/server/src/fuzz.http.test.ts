// HTTP fuzz against the real host: malformed JSON bodies and input= query strings, bodies over
// the limit, unknown procedures, wrong methods, garbage batch paths, forged cookies and bearer
// tokens. Whatever arrives, the answer is never a 5xx and never shows a stack or an internal
// detail. Raw node:http, so paths and headers reach the server exactly as generated.
import { request } from "node:http";
import { createUser } from "@marquee/api/testing";
import { constraintNamesOf, leakIn } from "@marquee/api/testing/leaks";
import { describeEachDatabase } from "@marquee/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type RunningServer } from "./test/start-server";

const RUNS = Number(process.env.FUZZ_RUNS ?? "") || 60;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** startServer's body limit (BODY_LIMIT_BYTES in production). */
const BODY_LIMIT = 100 * 1024;

type Answer = { status: number; body: string };
type Req = { method: string; path: string; headers: Record<string, string>; body?: string };

function send(url: string, req: Req): Promise<Answer> {
  const { port } = new URL(url);
  // Node sends an OPTIONS or DELETE body with neither length nor chunking unless told: the
  // server would then read it as a second (garbage) request.
  const headers =
    req.body === undefined
      ? req.headers
      : { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) };
  return new Promise((resolve, reject) => {
    const r = request(
      // A connection of its own: a reused keep-alive socket that the previous answer closed
      // (413) would fail this request through no fault of its own.
      { host: "127.0.0.1", port, method: req.method, path: req.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    r.on("error", (error: NodeJS.ErrnoException & { rawPacket?: unknown }) => {
      // The server may answer 413 and close before a huge body is all written: status 0.
      if (error.code === "EPIPE" || error.code === "ECONNRESET") {
        resolve({ status: 0, body: `connection closed (${error.code})` });
        return;
      }
      // A request whose headers overflow gets a 431 with a body before the server could know
      // it was a HEAD, which the client then cannot parse: read the answer from the bytes.
      const raw = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString("utf8") : "";
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(raw)?.[1];
      if (error.code?.startsWith("HPE_") && status) resolve({ status: Number(status), body: raw });
      else reject(error);
    });
    r.end(req.body);
  });
}

// ---------------------------------------------------------------------------------------
// Arbitraries

const PROCEDURES = [
  "health",
  "auth.login",
  "auth.me",
  "movie.list",
  "showtime.seatMap",
  "reservation.hold",
  "user.list",
];
const safeChar = fc.constantFrom(..."abcXYZ019.-_~!$&'()*+,;=:@/%".split(""));
const percentJunk = fc.constantFrom(
  "%00",
  "%ZZ",
  "%",
  "%e2%82",
  "%F0%9F%8E%AC",
  "%ff",
  "%2e%2e%2f",
);
const procedurePath = fc.oneof(
  fc.constantFrom(...PROCEDURES),
  fc.constantFrom(
    "nope",
    "movie.nope",
    "movie",
    "__proto__",
    "constructor",
    "movie.__proto__",
    "a,,b",
    ",".repeat(1000),
    "health,".repeat(11) + "health",
    "health,health",
    "auth.login,health",
    ".",
    "..",
    "",
    "x".repeat(4000),
  ),
  fc.array(fc.oneof(safeChar, percentJunk), { maxLength: 40 }).map((parts) => parts.join("")),
  fc
    .array(fc.constantFrom(...PROCEDURES, "", "nope"), { minLength: 2, maxLength: 12 })
    .map((p) => p.join(",")),
);

const malformedJson = fc.constantFrom(
  "",
  "{",
  "}",
  "[",
  '{"0":',
  '{"json":}',
  "nul",
  "undefined",
  "NaN",
  "'single'",
  '{"a":1,}',
  '"\\ud800"',
  '{"__proto__":{"admin":true}}',
  '{"0":{"__proto__":null}}',
  "[".repeat(5000),
  '{"a":'.repeat(2000),
  "\u0000",
  "\ufeff{}",
  "1e999999",
);
const jsonText = fc.oneof(
  malformedJson,
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "null"),
  fc.string({ unit: "binary", maxLength: 60 }),
);
const query = fc.oneof(
  fc.constant(""),
  jsonText.map((t) => `?input=${encodeURIComponent(t)}`),
  jsonText.map((t) => `?batch=1&input=${encodeURIComponent(t)}`),
  fc.constantFrom(
    "?input=",
    "?input",
    "?input=%",
    "?input=%ZZ",
    "?input=%7B",
    "?input=1&input=2",
    "?batch=1",
    "?batch=abc&input=%7B%7D",
    "?batch=1&input=%5B%5D",
    `?input=${"%7B".repeat(3000)}`,
  ),
);
const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=latin1",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  "",
);
/** Credentials no one issued: cookies and bearer tokens of every odd shape. */
const credentials = fc.oneof(
  fc.constant({}),
  fc
    .constantFrom(
      "",
      "x",
      "%",
      "%ZZ",
      "a".repeat(4000),
      "null",
      "../../etc",
      '"quoted"',
      "a=b=c",
      "€",
    )
    .map((v) => ({ cookie: `marquee_session=${encodeURI(v)}` })),
  fc
    .constantFrom("marquee_session", "=;;=", "; ;", "marquee_session=a; marquee_session=b")
    .map((cookie) => ({ cookie })),
  fc
    .constantFrom("Bearer", "Bearer ", "Bearer a b", "Basic dXNlcjpwYXNz", "bearer x", "Bearer \t")
    .map((authorization) => ({ authorization })),
  fc.string({ minLength: 1, maxLength: 200 }).map((t) => ({
    authorization: `Bearer ${encodeURIComponent(t)}`,
  })),
);

const hostileRequest: fc.Arbitrary<Req> = fc
  .record({
    method,
    path: procedurePath,
    query,
    contentType,
    credentials,
    body: fc.option(jsonText, { nil: undefined }),
    sameOrigin: fc.boolean(),
  })
  .map((r) => {
    const headers: Record<string, string> = { ...r.credentials };
    if (r.contentType) headers["content-type"] = r.contentType;
    // Half the requests look like the app's own pages, so the CSRF check lets them through.
    if (r.sameOrigin) headers["sec-fetch-site"] = "same-origin";
    const hasBody = r.body !== undefined && r.method !== "GET" && r.method !== "HEAD";
    return {
      method: r.method,
      path: `/trpc/${r.path}${r.query}`,
      headers,
      ...(hasBody ? { body: r.body } : {}),
    };
  });

// ---------------------------------------------------------------------------------------

describeEachDatabase("HTTP fuzz", (getDb, provider) => {
  let server: RunningServer;
  let constraints: string[] = [];
  const statuses = new Map<number, number>();
  let requests = 0;

  beforeAll(async () => {
    server = await startServer(getDb());
    constraints = await constraintNamesOf(getDb().prisma);
  });
  afterAll(async () => {
    await server.close();
    const histogram = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
    console.info(
      `[http-fuzz:${provider}] ${requests} requests, ` +
        `5xx=${[...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0)}, ` +
        `statuses=${JSON.stringify(histogram)}`,
    );
  });

  const check = async (req: Req) => {
    const answer = await send(server.url, req);
    requests += 1;
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    const what = `${req.method} ${req.path.slice(0, 200)} -> ${answer.status} ${answer.body.slice(0, 400)}`;
    expect(answer.status, what).toBeLessThan(500);
    expect(answer.status, `${what}: the server hung up without answering`).toBeGreaterThan(0);
    expect(leakIn(answer.body, constraints), what).toBeNull();
    return answer;
  };

  it(
    "answers hostile requests with a 4xx (or 200) and no internal detail",
    { timeout: 300_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileRequest, async (req) => {
          await check(req);
        }),
        {
          numRuns: RUNS * 4,
          ...(SEED === undefined ? {} : { seed: SEED }),
        },
      );
    },
  );

  it(
    "refuses a body over the limit with 413, for every kind of body",
    { timeout: 120_000 },
    async () => {
      const user = await createUser(getDb().prisma);
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 4 }),
          fc.constantFrom("x", "{", "é", "0"),
          fc.constantFrom("movie.create", "auth.login", "reservation.hold", "nope", "a,,b"),
          fc.boolean(),
          async (size, unit, path, signedIn) => {
            const body = `{"a":"${unit.repeat(size)}"}`;
            const answer = await check({
              method: "POST",
              path: `/trpc/${path}`,
              headers: {
                "content-type": "application/json",
                ...(signedIn ? { authorization: `Bearer ${user.token}` } : {}),
              },
              body,
            });
            expect(answer.status).toBe(413);
          },
        ),
        {
          numRuns: Math.max(10, Math.round(RUNS / 3)),
          ...(SEED === undefined ? {} : { seed: SEED }),
        },
      );
    },
  );

  it("answers a signed-in user's hostile calls the same way", { timeout: 300_000 }, async () => {
    const user = await createUser(getDb().prisma);
    await fc.assert(
      fc.asyncProperty(hostileRequest, async (req) => {
        await check({ ...req, headers: { ...req.headers, authorization: `Bearer ${user.token}` } });
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  });
});
