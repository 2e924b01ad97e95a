// Authentication through the real host: cookies for browsers, bearer tokens for scripts,
// CSRF, expiry, throttling (also across two server processes on one PostgreSQL database).
import { describeEachDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { call, startChildServer, startServer, type RunningServer } from "./test/start-server";

const DAY = 24 * 60 * 60 * 1000;
let seq = 0;
const email = () => `http-${Date.now().toString(36)}-${(seq += 1)}@example.com`;

function cookiePair(setCookie: string[]): string {
  const first = setCookie[0] ?? "";
  return first.split(";")[0] ?? "";
}

describeEachDatabase("authentication over HTTP", (getDb) => {
  let server: RunningServer;
  let clock = Date.now();
  beforeAll(async () => {
    server = await startServer(getDb(), { now: () => new Date(clock) });
  });
  afterAll(() => server.close());
  const sameOrigin = () => ({ origin: server.url });
  /** Registers from our own page, as a browser does; returns the session cookie to send. */
  const registerBrowser = async (input: { email: string; name: string; password: string }) =>
    cookiePair(
      (await call(server.url, "auth.register", { mutation: true, input, headers: sameOrigin() }))
        .cookies,
    );

  it("registers a browser with an HttpOnly, SameSite=Lax session cookie (not Secure on http)", async () => {
    const res = await call(server.url, "auth.register", {
      mutation: true,
      input: { email: email(), name: "Browser", password: "browser-pass" },
      headers: sameOrigin(),
    });
    expect(res.status).toBe(200);
    expect(res.cookies).toHaveLength(1);
    const cookie = res.cookies[0] ?? "";
    expect(cookie).toMatch(/^marquee_session=[a-z2-7]{32}; /);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Expires=/);
    expect(cookie).not.toMatch(/Secure/);

    const me = await call(server.url, "auth.me", { headers: { cookie: cookiePair(res.cookies) } });
    expect(me.body).toMatchObject({ result: { data: { name: "Browser", role: "USER" } } });
  });

  it("uses a Secure __Host- cookie when served over https (behind a trusted proxy)", async () => {
    const https = await startServer(getDb(), { trustProxy: 1 });
    try {
      const res = await call(https.url, "auth.register", {
        mutation: true,
        input: { email: email(), name: "Secure", password: "secure-pass" },
        headers: { "x-forwarded-proto": "https", origin: https.url.replace("http:", "https:") },
      });
      expect(res.status).toBe(200);
      expect(res.cookies[0]).toMatch(/^__Host-marquee_session=[a-z2-7]{32}; /);
      expect(res.cookies[0]).toMatch(/; Secure/);
      expect(res.cookies[0]).not.toMatch(/Domain=/);
    } finally {
      await https.close();
    }
  });

  it("lets a script sign in with a bearer token through the real tRPC client", async () => {
    const address = email();
    await server
      .client({ origin: server.url })
      .auth.register.mutate({ email: address, name: "Script", password: "script-pass" });
    const { token, user } = await server
      .client()
      .auth.createToken.mutate({ email: address, password: "script-pass" });
    const authed = server.client({ authorization: `Bearer ${token}` });
    expect((await authed.auth.me.query())?.id).toBe(user.id);
    // Bearer mutations need no Origin: a token is not ambient authority.
    await authed.auth.changePassword.mutate({
      currentPassword: "script-pass",
      newPassword: "script-pass-2",
    });
    await authed.auth.logout.mutate();
    expect(await authed.auth.me.query()).toBeNull();
    await expect(
      authed.auth.changePassword.mutate({
        currentPassword: "script-pass-2",
        newPassword: "whatever-3",
      }),
    ).rejects.toMatchObject({ data: { code: "UNAUTHORIZED", httpStatus: 401 } });
  });

  it("ends other sessions on a password change and clears the cookie on logout", async () => {
    const address = email();
    const browserCookie = await registerBrowser({
      email: address,
      name: "Two",
      password: "two-devices",
    });
    const { token } = await server
      .client()
      .auth.createToken.mutate({ email: address, password: "two-devices" });
    await server
      .client({ authorization: `Bearer ${token}` })
      .auth.changePassword.mutate({ currentPassword: "two-devices", newPassword: "two-devices-2" });
    const me = await call(server.url, "auth.me", { headers: { cookie: browserCookie } });
    expect(me.body).toMatchObject({ result: { data: null } });
    expect(me.cookies[0]).toMatch(/^marquee_session=;/); // stale cookie cleared

    const login = await call(server.url, "auth.login", {
      mutation: true,
      input: { email: address, password: "two-devices-2" },
      headers: sameOrigin(),
    });
    const out = await call(server.url, "auth.logout", {
      mutation: true,
      headers: { ...sameOrigin(), cookie: cookiePair(login.cookies) },
    });
    expect(out.status).toBe(200);
    expect(out.cookies[0]).toMatch(/^marquee_session=; .*Expires=Thu, 01 Jan 1970/);
    const after = await call(server.url, "auth.me", {
      headers: { cookie: cookiePair(login.cookies) },
    });
    expect(after.body).toMatchObject({ result: { data: null } });
  });

  it("rejects an expired session and renews a session in the second half of its life", async () => {
    const address = email();
    const cookie = await registerBrowser({ email: address, name: "Clock", password: "clock-pass" });
    const start = clock;
    try {
      clock = start + 20 * DAY;
      const renewed = await call(server.url, "auth.me", { headers: { cookie } });
      expect(renewed.body).toMatchObject({ result: { data: { name: "Clock" } } });
      const expires = /Expires=([^;]+)/.exec(renewed.cookies[0] ?? "")?.[1] ?? "";
      expect(Math.abs(Date.parse(expires) - (clock + 30 * DAY))).toBeLessThan(2000);

      clock = start + 20 * DAY + 31 * DAY;
      const expired = await call(server.url, "auth.me", { headers: { cookie } });
      expect(expired.body).toMatchObject({ result: { data: null } });
      const denied = await call(server.url, "auth.changePassword", {
        mutation: true,
        input: { currentPassword: "clock-pass", newPassword: "clock-pass-2" },
        headers: { ...sameOrigin(), cookie },
      });
      expect(denied.status).toBe(401);
    } finally {
      clock = start;
    }
  });

  it("refuses cookie-authenticated mutations from a foreign origin with 403", async () => {
    const cookie = await registerBrowser({ email: email(), name: "Csrf", password: "csrf-pass-1" });
    const attempt = (headers: Record<string, string>) =>
      call(server.url, "auth.changePassword", {
        mutation: true,
        input: { currentPassword: "csrf-pass-1", newPassword: "csrf-pass-2" },
        headers: { cookie, ...headers },
      });
    expect((await attempt({ origin: "https://evil.example" })).status).toBe(403);
    expect((await attempt({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await attempt({})).status).toBe(403); // cookie but no Origin at all
    const login = await call(server.url, "auth.login", {
      mutation: true,
      input: { email: "x@example.com", password: "whatever-1" },
      headers: { origin: "https://evil.example" },
    });
    expect(login.status).toBe(403);
    // The same request from our own page goes through.
    expect((await attempt({ "sec-fetch-site": "same-origin" })).status).toBe(200);
    // Queries are never blocked (they have no side effects).
    expect(
      (await call(server.url, "auth.me", { headers: { cookie, origin: "https://evil.example" } }))
        .status,
    ).toBe(200);
  });

  it("answers with the same 401 for an unknown e-mail and a wrong password", async () => {
    const address = email();
    await server
      .client({ origin: server.url })
      .auth.register.mutate({ email: address, name: "Enum", password: "enum-pass-1" });
    const a = await call(server.url, "auth.login", {
      mutation: true,
      input: { email: address, password: "nope-nope" },
    });
    const b = await call(server.url, "auth.login", {
      mutation: true,
      input: { email: email(), password: "nope-nope" },
    });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    const strip = (body: unknown) => JSON.stringify(body);
    expect(strip(a.body)).toBe(strip(b.body));
    expect(strip(a.body)).not.toMatch(/stack|prisma|SELECT/i);
  });

  it("names the bad field of a malformed input and writes nothing", async () => {
    const res = await call(server.url, "auth.register", {
      mutation: true,
      input: { email: "nope", name: "", password: "x" },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: {
        message:
          "email: Enter a valid e-mail address; name: Enter your name; password: Use at least 8 characters",
        data: {
          code: "BAD_REQUEST",
          zodError: {
            fieldErrors: {
              email: ["Enter a valid e-mail address"],
              name: ["Enter your name"],
              password: ["Use at least 8 characters"],
            },
          },
        },
      },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/\.ts:\d+/);
  });
});

describeEachDatabase("throttling over HTTP", (getDb, provider) => {
  it("answers 429 with Retry-After once the failed sign-ins reach the limit", async () => {
    const server = await startServer(getDb(), {
      api: { ...(await import("@marquee/api")).defaultApiConfig, maxFailedLogins: 3 },
    });
    try {
      const target = email();
      const fail = () =>
        call(server.url, "auth.login", {
          mutation: true,
          input: { email: target, password: "wrong-pass" },
        });
      for (let i = 0; i < 3; i += 1) expect((await fail()).status).toBe(401);
      const blocked = await fail();
      expect(blocked.status).toBe(429);
      const retry = Number(blocked.headers.get("retry-after"));
      expect(retry).toBeGreaterThan(800);
      expect(retry).toBeLessThanOrEqual(900);
    } finally {
      await server.close();
    }
  });

  it.runIf(provider === "postgresql")(
    "enforces one limit across two server processes sharing the database",
    async () => {
      const db = getDb();
      const limit = 4;
      const inProcess = await startServer(db, {
        api: { ...(await import("@marquee/api")).defaultApiConfig, maxFailedLogins: limit },
      });
      await db.prisma.authAttempt.deleteMany(); // earlier tests failed from this address too
      const child = await startChildServer(db.url, { AUTH_MAX_FAILED_LOGINS: String(limit) });
      try {
        const target = email();
        const fail = (url: string) =>
          call(url, "auth.login", {
            mutation: true,
            input: { email: target, password: "wrong-pass" },
          });
        expect((await fail(inProcess.url)).status).toBe(401);
        expect((await fail(child.url)).status).toBe(401);
        expect((await fail(inProcess.url)).status).toBe(401);
        expect((await fail(child.url)).status).toBe(401);
        expect((await fail(inProcess.url)).status).toBe(429);
        expect((await fail(child.url)).status).toBe(429);
      } finally {
        child.process.kill("SIGTERM");
        await inProcess.close();
      }
    },
    90_000,
  );
});
