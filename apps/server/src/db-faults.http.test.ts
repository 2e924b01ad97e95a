// The database going away under a real server process: every connection terminated by
// PostgreSQL mid-load, and the database unreachable (refused, or silent) for a while. The
// process must survive, answer 503 + Retry-After meanwhile (never a 500), lose no acknowledged
// booking, and recover by itself. PostgreSQL only (set TEST_DATABASE_URL; CI does).
import { type ChildProcess } from "node:child_process";
import {
  createShowtimeOnSale,
  createUsers,
  standardLayout,
  type Actor,
} from "@marquee/api/testing";
import { createTestDb, type TestDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startChildServer } from "./test/start-server";
import { startTcpProxy } from "./test/tcp-proxy";

const enabled = Boolean(process.env.TEST_DATABASE_URL);
const APP_NAME = "marquee_fault_server";

type Answer = { status: number; retryAfter: string | null; body: unknown } | { failed: string };

function mutate(url: string, path: string, user: Actor, input: unknown): Promise<Answer> {
  return call(url, path, {
    mutation: true,
    input,
    headers: { authorization: `Bearer ${user.token}` },
  }).then(
    (r) => ({
      status: r.status,
      retryAfter: r.headers.get("retry-after"),
      body: r.body,
    }),
    (error: unknown) => ({ failed: String(error) }),
  );
}

/** What the rules allow: 2xx, 4xx, or 503 with Retry-After. Anything else, described. */
function unacceptable(answers: Answer[]): string[] {
  return answers.flatMap((a) => {
    if ("failed" in a) return [`no answer: ${a.failed}`];
    if (a.status < 500) return [];
    if (a.status === 503 && a.retryAfter !== null && Number(a.retryAfter) > 0) return [];
    return [`${a.status} retry-after=${a.retryAfter} ${JSON.stringify(a.body).slice(0, 300)}`];
  });
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 90_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function readyz(url: string): Promise<number> {
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  return res.status;
}

function exited(child: ChildProcess): { code: number | null; signal: string | null } | null {
  return child.exitCode === null && child.signalCode === null
    ? null
    : { code: child.exitCode, signal: child.signalCode };
}

describe.runIf(enabled)("the database failing under a running server [postgresql]", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDb("postgresql", { poolSize: 4 });
  }, 120_000);
  afterAll(() => db.close());

  /**
   * Kills every connection of the server under test (its pool and its LISTEN connection),
   * from the test's own connection, which the application name leaves alone.
   */
  const terminateServerConnections = async () => {
    const rows = await db.prisma.$queryRaw<{ terminated: boolean }[]>`
      SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()
         AND application_name = ${APP_NAME}`;
    return rows.filter((r) => r.terminated).length;
  };

  it("24 clients booking while PostgreSQL terminates the server's connections twice", async () => {
    const { showtime, seatIds } = await createShowtimeOnSale(db.prisma, standardLayout(20, 20));
    const users = await createUsers(db.prisma, 24);
    const url = new URL(db.url);
    url.searchParams.set("application_name", APP_NAME);
    const server = await startChildServer(url.toString(), {});
    let stderr = "";
    server.process.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));

    const answers: Answer[] = [];
    // Reservation id -> its seats and what the client was last told about it.
    const ledger = new Map<string, { seats: string[]; state: "CONFIRMED" | "CANCELLED" | "?" }>();
    let confirmations = 0;
    let stop = false;
    const load = Promise.all(
      users.map(async (user) => {
        while (!stop && !exited(server.process)) {
          const size = 1 + Math.floor(Math.random() * 3);
          const start = Math.floor(Math.random() * (seatIds.length - size));
          const wanted = seatIds.slice(start, start + size);
          const held = await mutate(server.url, "reservation.hold", user, {
            showtimeId: showtime.id,
            seatIds: wanted,
          });
          answers.push(held);
          if ("failed" in held || held.status !== 200) continue;
          const id = (held.body as { result: { data: { id: string } } }).result.data.id;
          const confirmed = await mutate(server.url, "reservation.confirm", user, {
            reservationId: id,
          });
          answers.push(confirmed);
          if ("failed" in confirmed || confirmed.status !== 200) continue;
          confirmations += 1;
          ledger.set(id, { seats: [...wanted].sort(), state: "CONFIRMED" });
          // Cancel half of them, so the hall never fills up and the load keeps writing.
          if (Math.random() < 0.5) {
            const cancelled = await mutate(server.url, "reservation.cancel", user, {
              reservationId: id,
            });
            answers.push(cancelled);
            // A 503 on cancel may or may not have committed: the client cannot know.
            const state = "status" in cancelled && cancelled.status === 200 ? "CANCELLED" : "?";
            ledger.set(id, { seats: [...wanted].sort(), state });
          }
        }
      }),
    );

    let terminated = 0;
    try {
      for (let round = 0; round < 2; round += 1) {
        const before = confirmations;
        await until(
          () => confirmations >= before + 25 || exited(server.process) !== null,
          `25 confirmations before termination ${round + 1}`,
        );
        terminated += await terminateServerConnections();
      }
      const before = confirmations;
      await until(
        () => confirmations >= before + 25 || exited(server.process) !== null,
        "25 confirmations after the terminations",
      );
    } finally {
      stop = true;
      await load;
    }

    try {
      expect(exited(server.process), stderr.slice(-2000)).toBeNull();
      expect(terminated).toBeGreaterThan(0);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      await until(async () => (await readyz(server.url)) === 200, "/readyz to turn 200");
      expect(unacceptable(answers)).toEqual([]);
    } finally {
      server.process.kill("SIGTERM");
    }

    // Every acknowledged booking is in the database as the client was last told.
    const rows = await db.prisma.reservation.findMany({
      where: { showtimeId: showtime.id },
      select: { id: true, status: true, seats: { select: { seatId: true, live: true } } },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    let lost = 0;
    for (const [id, told] of ledger) {
      const row = byId.get(id);
      expect(row?.seats.map((s) => s.seatId).sort()).toEqual(told.seats);
      if (told.state === "?") continue;
      if (row?.status !== told.state) lost += 1;
      expect(row?.seats.every((s) => s.live === (told.state === "CONFIRMED"))).toBe(true);
    }
    expect(lost).toBe(0);
    const unavailable = answers.filter((a) => "status" in a && a.status === 503).length;
    console.info(
      `db faults: ${answers.length} requests, ${unavailable} answered 503, ` +
        `${confirmations} confirmations acknowledged, ${lost} lost, ` +
        `${terminated} connections terminated`,
    );
    const doubles = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (SELECT "seatId" FROM "ReservationSeat"
        WHERE "showtimeId" = ${showtime.id}::uuid AND live GROUP BY "seatId" HAVING count(*) > 1) d`;
    expect(Number(doubles[0]?.n)).toBe(0);
  }, 240_000);

  it("/readyz and the API answer 503 + Retry-After while the database is unreachable, and recover", async () => {
    const { showtime, seatIds } = await createShowtimeOnSale(db.prisma, standardLayout(2, 10));
    const [user] = await createUsers(db.prisma, 1);
    if (!user) throw new Error("no user");
    const target = new URL(db.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(db.url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    const server = await startChildServer(viaProxy.toString(), {});
    const hold = (seat: string) =>
      mutate(server.url, "reservation.hold", user, { showtimeId: showtime.id, seatIds: [seat] });
    try {
      expect(await readyz(server.url)).toBe(200);
      expect(await hold(seatIds[0] ?? "")).toMatchObject({ status: 200 });

      // Gone: connections reset, new ones refused.
      await proxy.refuse();
      await until(async () => (await readyz(server.url)) === 503, "/readyz to turn 503");
      // The session lookup (before any procedure runs) meets the dead database first.
      const refused = await hold(seatIds[1] ?? "");
      expect(unacceptable([refused])).toEqual([]);
      expect(refused).toMatchObject({ status: 503 });
      const anonymous = await call(server.url, "showtime.seatMap", {
        input: { showtimeId: showtime.id },
      });
      expect(anonymous.status).toBe(503);
      expect(Number(anonymous.headers.get("retry-after"))).toBeGreaterThan(0);

      await proxy.restore();
      await until(async () => (await readyz(server.url)) === 200, "/readyz to turn 200 again");
      expect(await hold(seatIds[2] ?? "")).toMatchObject({ status: 200 });

      // Silent: nothing answers and nothing closes. /readyz must still answer, and say 503.
      proxy.blackhole();
      expect(await readyz(server.url)).toBe(503);
      await proxy.restore();
      await until(async () => (await readyz(server.url)) === 200, "/readyz to recover");
      expect(await hold(seatIds[3] ?? "")).toMatchObject({ status: 200 });
      expect(exited(server.process)).toBeNull();
    } finally {
      server.process.kill("SIGTERM");
      await proxy.close();
    }
  }, 240_000);
});
