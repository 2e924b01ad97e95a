// /metrics on a real server: off without a token, refused without the right one, and
// counting requests per procedure, holds, bookings and (on PostgreSQL) the pool.
import { countReservations } from "@marquee/api";
import { createShowtimeOnSale, createUser } from "@marquee/api/testing";
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { proceduresOf } from "./metrics";
import { startServer } from "./test/start-server";

const TOKEN = "metrics-token-for-tests-0123456789";

async function scrape(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  return res.text();
}

/** The value of one series, e.g. `marquee_holds_live` or `name{label="x"}`. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describeEachDatabase("metrics over HTTP", (getDb, provider) => {
  it("is off unless configured", async () => {
    const server = await startServer(getDb());
    try {
      const res = await fetch(`${server.url}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("needs the token, and counts requests, procedures, holds, bookings and the pool", async () => {
    const db = getDb();
    const server = await startServer(db, {
      metrics: {
        token: TOKEN,
        pool: () => db.poolStats?.() ?? null,
        reservations: () => countReservations(db.prisma, new Date()),
        gauges: [{ name: "marquee_test_gauge", help: "a registered gauge", read: () => 42 }],
      },
    });
    try {
      for (const authorization of [undefined, "Bearer wrong-token", TOKEN, `Bearer ${TOKEN}x`]) {
        const res = await fetch(`${server.url}/metrics`, {
          headers: authorization ? { authorization } : {},
        });
        expect(res.status, String(authorization)).toBe(401);
      }

      const { showtime, seatIds } = await createShowtimeOnSale(db.prisma);
      const user = await createUser(db.prisma);
      const api = server.client({ authorization: `Bearer ${user.token}` });
      const before = await scrape(server.url);
      expect(valueOf(before, "marquee_holds_live")).toBe(0);
      expect(valueOf(before, "marquee_bookings_confirmed")).toBe(0);

      await api.movie.list.query({ limit: 5 });
      const held = await api.reservation.hold.mutate({
        showtimeId: showtime.id,
        seatIds: seatIds.slice(0, 2),
      });
      const during = await scrape(server.url);
      expect(valueOf(during, "marquee_holds_live")).toBe(1);
      await api.reservation.confirm.mutate({ reservationId: held.id });
      await fetch(`${server.url}/trpc/no.such.procedure`);

      const after = await scrape(server.url);
      expect(valueOf(after, "marquee_holds_live")).toBe(0);
      expect(valueOf(after, "marquee_bookings_confirmed")).toBe(1);
      expect(valueOf(after, "marquee_test_gauge")).toBe(42);
      for (const procedure of ["movie.list", "reservation.hold", "reservation.confirm"]) {
        expect(
          valueOf(after, `marquee_trpc_request_duration_seconds_count{procedure="${procedure}"}`),
          procedure,
        ).toBe(1);
      }
      expect(after).toContain('marquee_trpc_request_duration_seconds_count{procedure="unknown"} 1');
      expect(after).not.toContain("no.such.procedure");
      expect(
        valueOf(
          after,
          'marquee_http_requests_total{method="POST",route="/trpc/:path",status="200"}',
        ),
      ).toBe(2);
      // Scrapes are counted as requests too.
      expect(after).toMatch(
        /marquee_http_requests_total\{method="GET",route="\/metrics",status="401"\} 4/,
      );
      expect(after).toContain("marquee_process_resident_memory_bytes");
      if (provider === "postgresql") {
        expect(valueOf(after, 'marquee_db_pool_connections{state="idle"}')).toBeGreaterThan(0);
        expect(valueOf(after, "marquee_db_pool_waiting")).toBe(0);
      } else {
        expect(after).not.toContain("marquee_db_pool_connections{");
      }
    } finally {
      await server.close();
    }
  });
});

it("reads procedure names from tRPC URLs, folding unknown ones", () => {
  const known = new Set(["movie.list", "showtime.seatMap"]);
  expect(proceduresOf("/trpc/movie.list,showtime.seatMap?batch=1&input=%7B%7D", known)).toEqual([
    "movie.list",
    "showtime.seatMap",
  ]);
  expect(proceduresOf("/trpc/%E0%A4%A", known)).toEqual(["unknown"]);
  expect(proceduresOf("/trpc/evil%2Cmovie.list", known)).toEqual(["unknown", "movie.list"]);
});
