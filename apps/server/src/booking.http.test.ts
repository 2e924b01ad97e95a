// Booking through real servers on real PostgreSQL: a race split across two server processes,
// and a server killed with SIGKILL in the middle of a booking storm. PostgreSQL only (set
// TEST_DATABASE_URL; CI does).
import { defaultApiConfig } from "@marquee/api";
import {
  createShowtimeOnSale,
  createUsers,
  standardLayout,
  type Actor,
} from "@marquee/api/testing";
import { createTestDb, type TestDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startChildServer, startServer } from "./test/start-server";

const enabled = Boolean(process.env.TEST_DATABASE_URL);

function hold(url: string, user: Actor, showtimeId: string, seatIds: string[]) {
  return call(url, "reservation.hold", {
    mutation: true,
    input: { showtimeId, seatIds },
    headers: { authorization: `Bearer ${user.token}` },
  });
}

describe.runIf(enabled)("booking over HTTP [postgresql]", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDb("postgresql", { poolSize: 10 });
  }, 120_000);
  afterAll(() => db.close());

  it("one seat, 200 users split across two server processes, 20 rounds: one winner each", async () => {
    const { showtime, seatIds } = await createShowtimeOnSale(db.prisma, standardLayout(2, 10));
    const users = await createUsers(db.prisma, 200);
    // Winners keep winning: this race is about one seat, not the per-account seat cap.
    const a = await startServer(db, {
      api: { ...defaultApiConfig, maxSeatsPerShowtime: 1_000 },
      logger: { level: "error" },
    });
    const b = await startChildServer(db.url, { MAX_SEATS_PER_SHOWTIME: "1000" });
    try {
      for (let round = 0; round < 20; round += 1) {
        const seat = seatIds[round] ?? "";
        const results = await Promise.all(
          users.map((u, i) => hold(i % 2 === 0 ? a.url : b.url, u, showtime.id, [seat])),
        );
        const statuses = results.map((r) => r.status);
        const odd = results.filter((r) => r.status !== 200 && r.status !== 409);
        expect(odd.map((r) => `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)).toEqual([]);
        expect(
          statuses.filter((s) => s === 200),
          `round ${round}`,
        ).toHaveLength(1);
        expect(statuses.filter((s) => s === 409)).toHaveLength(199);
        expect(statuses.filter((s) => s >= 500)).toEqual([]);
        const loser = results.find((r) => r.status === 409);
        expect(JSON.stringify(loser?.body)).toMatch(/was just taken by someone else/);
        // The winner pays, so their next win is a new booking rather than a replaced hold.
        const winner = results.findIndex((r) => r.status === 200);
        const won = results[winner]?.body as { result: { data: { id: string } } };
        const confirmed = await call(a.url, "reservation.confirm", {
          mutation: true,
          input: { reservationId: won.result.data.id },
          headers: { authorization: `Bearer ${users[winner]?.token ?? ""}` },
        });
        expect(confirmed.status).toBe(200);
      }
      const live = await db.prisma.reservationSeat.count({
        where: { showtimeId: showtime.id, live: true },
      });
      expect(live).toBe(20);
    } finally {
      b.process.kill("SIGTERM");
      await a.close();
    }
  }, 240_000);

  it("after kill -9 mid-storm every acknowledged booking is there and no seat is stranded", async () => {
    const { showtime, seatIds } = await createShowtimeOnSale(db.prisma, standardLayout(10, 10));
    const users = await createUsers(db.prisma, 100);
    const server = await startChildServer(db.url, {});
    const acknowledged = new Map<string, string[]>();
    let killed = false;
    const statuses = new Map<number, number>();
    // Long enough before the kill for bookings to be acknowledged on a busy 2-core machine.
    const killAt = Date.now() + 8_000;
    const stopAt = Date.now() + 11_000;

    await Promise.all(
      users.map(async (user) => {
        while (Date.now() < stopAt) {
          if (!killed && Date.now() >= killAt) {
            killed = true;
            server.process.kill("SIGKILL");
          }
          const size = 2 + Math.floor(Math.random() * 5);
          const start = Math.floor(Math.random() * (seatIds.length - size));
          const wanted = seatIds.slice(start, start + size);
          try {
            const held = await hold(server.url, user, showtime.id, wanted);
            statuses.set(held.status, (statuses.get(held.status) ?? 0) + 1);
            if (held.status !== 200) continue;
            const id = (held.body as { result: { data: { id: string } } }).result.data.id;
            const confirmed = await call(server.url, "reservation.confirm", {
              mutation: true,
              input: { reservationId: id },
              headers: { authorization: `Bearer ${user.token}` },
            });
            if (confirmed.status === 200) acknowledged.set(id, [...wanted].sort());
          } catch {
            // connection refused or reset: the server is gone; nothing was acknowledged
            await new Promise((r) => setTimeout(r, 50));
          }
        }
      }),
    );
    expect(killed).toBe(true);
    expect(acknowledged.size, JSON.stringify([...statuses])).toBeGreaterThan(0);

    const rows = await db.prisma.reservation.findMany({
      where: { showtimeId: showtime.id },
      select: { id: true, status: true, seats: { select: { seatId: true, live: true } } },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [id, seats] of acknowledged) {
      const row = byId.get(id);
      expect(row?.status).toBe("CONFIRMED");
      expect(row?.seats.map((s) => s.seatId).sort()).toEqual(seats);
      expect(row?.seats.every((s) => s.live)).toBe(true);
    }
    for (const row of rows) {
      // Atomic transactions: no reservation without its seats, none half-written.
      expect(row.seats.length).toBeGreaterThanOrEqual(2);
      // A live seat always belongs to a live reservation (holds left by the crash expire).
      if (row.seats.some((s) => s.live)) expect(["HELD", "CONFIRMED"]).toContain(row.status);
      if (row.status === "CANCELLED" || row.status === "EXPIRED") {
        expect(row.seats.every((s) => !s.live)).toBe(true);
      }
    }
    const doubles = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (SELECT "seatId" FROM "ReservationSeat"
        WHERE "showtimeId" = ${showtime.id}::uuid AND live GROUP BY "seatId" HAVING count(*) > 1) d`;
    expect(Number(doubles[0]?.n)).toBe(0);
  }, 120_000);
});
