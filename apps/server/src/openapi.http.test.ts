// REST for non-tRPC clients: a valid OpenAPI 3.1 document at /openapi.json, and a hold and a
// confirm through plain fetch with a bearer token. Cookies never authenticate REST calls;
// CORS answers only the configured origins, and never invites credentials. Every answer is
// sent once (no "Reply was already sent" in the logs), and invalid input is named field by field.
import SwaggerParser from "@apidevtools/swagger-parser";
import { createShowtimeOnSale, createUser } from "@marquee/api/testing";
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { call, startServer } from "./test/start-server";

type Json = Record<string, unknown>;

async function rest(
  url: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describeEachDatabase("REST and OpenAPI", (getDb) => {
  it("serves a valid OpenAPI 3.1 document naming the public and booking routes", async () => {
    const server = await startServer(getDb());
    try {
      const res = await fetch(`${server.url}/openapi.json`);
      expect(res.status).toBe(200);
      const document = (await res.json()) as Json & { paths: Record<string, Json> };
      expect(document.openapi).toMatch(/^3\.1\./);
      await SwaggerParser.validate(structuredClone(document) as never);
      expect(Object.keys(document.paths).sort()).toEqual([
        "/auth/token",
        "/movies",
        "/reservations",
        "/reservations/{reservationId}/cancel",
        "/reservations/{reservationId}/confirm",
        "/showtimes",
        "/showtimes/{showtimeId}/seats",
      ]);
      const hold = document.paths["/reservations"]?.post as Json;
      expect(hold.security).toEqual([{ bearer: [] }]);
      expect(JSON.stringify(hold.requestBody)).toContain("seatIds");
    } finally {
      await server.close();
    }
  });

  it("holds and confirms with plain fetch and a bearer token; a cookie is not a credential", async () => {
    const db = getDb();
    const { showtime, seatIds } = await createShowtimeOnSale(db.prisma);
    const user = await createUser(db.prisma);
    const server = await startServer(db);
    try {
      const token = await rest(server.url, "/auth/token", {
        method: "POST",
        body: { email: user.email, password: "password123" },
      });
      expect(token.status).toBe(200);
      const bearer = { authorization: `Bearer ${String(token.body.token)}` };

      const movies = await rest(server.url, "/movies?limit=5");
      expect(movies.status).toBe(200);
      expect(Array.isArray(movies.body.items)).toBe(true);
      const seats = await rest(server.url, `/showtimes/${showtime.id}/seats`);
      expect(seats.status).toBe(200);
      expect((seats.body.seats as unknown[]).length).toBe(seatIds.length);

      const chosen = seatIds.slice(0, 2);
      // The session as a cookie, as a browser on another site would send it: refused.
      const withCookie = await rest(server.url, "/reservations", {
        method: "POST",
        body: { showtimeId: showtime.id, seatIds: chosen },
        headers: { cookie: `marquee_session=${user.token}; __Host-marquee_session=${user.token}` },
      });
      expect(withCookie.status).toBe(401);

      const bad = await rest(server.url, "/reservations", {
        method: "POST",
        body: { showtimeId: showtime.id, seats: chosen },
        headers: bearer,
      });
      expect(bad.status).toBe(400);

      const held = await rest(server.url, "/reservations", {
        method: "POST",
        body: { showtimeId: showtime.id, seatIds: chosen },
        headers: bearer,
      });
      expect(held.status).toBe(200);
      expect(held.body.status).toBe("HELD");
      const confirmed = await rest(server.url, `/reservations/${String(held.body.id)}/confirm`, {
        method: "POST",
        body: {},
        headers: bearer,
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ id: held.body.id, status: "CONFIRMED" });
      const row = await db.prisma.reservation.findUniqueOrThrow({
        where: { id: String(held.body.id) },
      });
      expect(row.status).toBe("CONFIRMED");
      expect(row.userId).toBe(user.id);
    } finally {
      await server.close();
    }
  });

  it("answers CORS for the configured origins only, without credentials", async () => {
    const server = await startServer(getDb(), { corsOrigins: ["https://kiosk.example.com"] });
    try {
      const preflight = (origin: string) =>
        fetch(`${server.url}/api/v1/reservations`, {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization,content-type",
          },
        });
      const allowed = await preflight("https://kiosk.example.com");
      expect(allowed.headers.get("access-control-allow-origin")).toBe("https://kiosk.example.com");
      expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
      expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
      const other = await preflight("https://evil.example.net");
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
      const get = await fetch(`${server.url}/api/v1/movies`, {
        headers: { origin: "https://kiosk.example.com" },
      });
      expect(get.headers.get("access-control-allow-origin")).toBe("https://kiosk.example.com");
    } finally {
      await server.close();
    }
  });

  it("sends every answer once: no 'Reply was already sent' in the logs after errors", async () => {
    const lines: string[] = [];
    const server = await startServer(getDb(), {
      logger: { level: "info", stream: { write: (line: string) => void lines.push(line) } },
    });
    try {
      const answers = [
        await rest(server.url, "/auth/token", { method: "POST", body: { email: "x" } }),
        await rest(server.url, "/reservations", {
          method: "POST",
          body: { showtimeId: "s", seatIds: ["a"] },
        }),
        await rest(server.url, "/no/such/route"),
        await rest(server.url, "/movies?limit=1"),
      ];
      expect(answers.map((a) => a.status)).toEqual([400, 401, 404, 200]);
      expect(answers[1]?.body.message).toBe("Please sign in to continue");
    } finally {
      await server.close();
    }
    const logs = lines.map((l) => JSON.parse(l) as { msg?: string; res?: { statusCode?: number } });
    // The logs were read: each request's completion line is there, with the status sent.
    const completed = logs.filter((l) => l.msg === "request completed");
    expect(completed.map((l) => l.res?.statusCode)).toEqual([400, 401, 404, 200]);
    const text = lines.join("");
    expect(text).not.toContain("Reply was already sent");
    expect(text).not.toContain("FST_ERR_REP_ALREADY_SENT");
    expect(text).not.toContain("ERR_HTTP_HEADERS_SENT");
  });

  it("names the invalid fields and their problems, in the words of the /trpc path", async () => {
    const server = await startServer(getDb());
    try {
      const input = { email: "not-an-address", password: "" };
      const res = await rest(server.url, "/auth/token", { method: "POST", body: input });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("BAD_REQUEST");
      expect(res.body.message).toBe(
        "email: Enter a valid e-mail address; password: Enter your password",
      );
      const viaTrpc = await call(server.url, "auth.createToken", { input, mutation: true });
      expect(viaTrpc.status).toBe(400);
      expect((viaTrpc.body as { error: { message: string } }).error.message).toBe(res.body.message);

      // A query parameter is named the same way.
      const movies = await rest(server.url, "/movies?limit=0");
      expect(movies.status).toBe(400);
      expect(movies.body.message).toMatch(/^limit: \S/);
    } finally {
      await server.close();
    }
  });
});
