// pnpm bench [--smoke] [--only=<scenario>,…]: Marquee against its floors, on a throw-away
// PostgreSQL database. Scenarios: seat-map, unknown-ids, booking, ceiling, workers, hot-seat,
// login, live (all by default; docs/benchmarks.md is rewritten only by a full run of all).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateSessionToken, sessionIdFromToken, type AppRouter } from "@marquee/api";
import { createDb, migrate } from "@marquee/db";
import { createScratchPostgres } from "@marquee/db/scratch";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import autocannon from "autocannon";
import pg from "pg";
import { floorBooking } from "./booking-floor";
import { loadCeilingPairs, runCeiling } from "./ceiling";
import { liveFanout, renderLiveFanout, updateLiveDocs } from "./live-fanout";
import {
  createBenchUsers,
  FULL,
  freeSeatPairs,
  LOGIN_PASSWORD,
  seedDataset,
  SMOKE,
} from "./dataset";
import { pinCores } from "./pinning";
import { closedLoop, percentiles, round } from "./stats";

const smoke = process.argv.includes("--smoke");
const SCENARIOS = [
  "seat-map",
  "unknown-ids",
  "booking",
  "ceiling",
  "workers",
  "hot-seat",
  "login",
  "live",
] as const;
type Scenario = (typeof SCENARIOS)[number];
const only = onlyScenarios(process.argv);
const runs = (scenario: Scenario) => only === null || only.has(scenario);

function onlyScenarios(argv: string[]): Set<Scenario> | null {
  const arg = argv.find((a) => a.startsWith("--only="));
  if (arg === undefined) return null;
  const names = arg.slice("--only=".length).split(",").filter(Boolean);
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    console.error(
      `--only: unknown scenario ${unknown.join(", ") || "(none given)"}; ` +
        `scenarios are ${SCENARIOS.join(", ")}`,
    );
    process.exit(2);
  }
  return new Set(names as Scenario[]);
}
const root = fileURLToPath(new URL("../../", import.meta.url));
const T = smoke
  ? { warmMs: 500, runMs: 2_000, size: SMOKE }
  : { warmMs: 3_000, runMs: 15_000, size: FULL };
const CONNECTIONS = 50;
const BOOKERS = 50;
const HOT_CLIENTS = 1_000;
const POOL = 10;

function log(message: string) {
  console.log(`[bench] ${message}`);
}

function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  prefix: string[] = [],
) {
  return new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
    // With a prefix (taskset), it execs node in place: the child's pid is still the server's.
    const [command, ...rest] = [...prefix, process.execPath, ...args];
    const child = spawn(command ?? process.execPath, rest, {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
}

function rssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

async function cannon(url: string, opts: Partial<autocannon.Options>, durationMs: number) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: durationMs / 1000,
    ...opts,
  });
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) {
    console.error(
      "pnpm bench needs PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL), e.g.\n" +
        "  BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test pnpm bench",
    );
    process.exit(2);
  }
  const scratch = await createScratchPostgres("marquee_bench", base);
  const processes: ChildProcess[] = [];
  try {
    log(`database ${scratch.url.replace(/:[^:@/]+@/, ":***@")}`);
    const db = await createDb(scratch.url);
    await migrate(db);
    await db.close();
    const client = new pg.Client({ connectionString: scratch.url });
    // Dropping the scratch database at the end ends this connection: not an error.
    client.on("error", () => undefined);
    await client.connect();
    const t = performance.now();
    await seedDataset(client, T.size);
    const counts = await client.query<{
      halls: string;
      seats: string;
      showtimes: string;
      reservations: string;
    }>(
      `SELECT (SELECT count(*) FROM "Hall") halls, (SELECT count(*) FROM "Seat") seats,
              (SELECT count(*) FROM "Showtime") showtimes, (SELECT count(*) FROM "Reservation") reservations`,
    );
    log(`seeded ${JSON.stringify(counts.rows[0])} in ${round((performance.now() - t) / 1000)} s`);
    const tokens = await createBenchUsers(
      client,
      HOT_CLIENTS,
      sessionIdFromToken,
      generateSessionToken,
    );
    const pairs = await freeSeatPairs(client, smoke ? 2_000 : 200_000);
    const pin = pinCores(process.env.BENCH_PIN !== "0");
    log(`pinning: ${pin.description}`);
    const sessions = await client.query<{ id: string; userId: string }>(
      `SELECT id, "userId" FROM "Session" ORDER BY "createdAt"`,
    );

    const heapProbeFile = join(root, "bench/results/.heap-probe");
    const serverEnv: Record<string, string> = {
      DATABASE_URL: scratch.url,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      // One load generator on one address: the per-address limit would measure itself.
      RATE_LIMIT_PER_MINUTE: "0",
      // Stopped with SIGTERM right before its database is dropped: no load balancer to drain.
      SHUTDOWN_GRACE_SECONDS: "0",
      SEED_DEMO: "false",
      ADMIN_PASSWORD: "bench-admin-password",
      AUTH_MAX_FAILED_LOGINS: "1000000",
      AUTH_MAX_REGISTRATIONS: "1000000",
      // Bench users book many pairs per showtime: measure booking, not the per-account cap.
      MAX_SEATS_PER_SHOWTIME: "1000",
      NODE_ENV: "production",
      HEAP_PROBE_FILE: heapProbeFile,
    };
    // BENCH_CPU_PROF=<dir>: profile the server (written when it exits) to find hot spots.
    const profile = process.env.BENCH_CPU_PROF;
    const server = await startProcess(
      [
        ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []),
        "--expose-gc",
        "--import",
        join(root, "bench/src/heap-probe.mjs"),
        join(root, "apps/server/dist/server/main.js"),
      ],
      serverEnv,
      /running on (http:\/\/\S+)/,
      pin.serverPrefix,
    );
    processes.push(server.child);
    log(`server ${server.url} (pid ${server.child.pid})`);

    // Seat map: Marquee vs bare Fastify with the same bytes.
    let seatMap = { perSecond: NaN, p50: NaN, p99: NaN, non2xx: 0, errors: 0 };
    let seatMapFloor = seatMap;
    if (runs("seat-map")) {
      const showtimeId = pairs[0]?.showtimeId ?? "";
      const seatMapPath = `/trpc/showtime.seatMap?input=${encodeURIComponent(JSON.stringify({ showtimeId }))}`;
      const body = await (await fetch(server.url + seatMapPath)).text();
      const bodyFile = join(root, "bench/results/seatmap-body.json");
      mkdirSync(join(root, "bench/results"), { recursive: true });
      writeFileSync(bodyFile, body);
      const floor = await startProcess(
        ["--import", "tsx", join(root, "bench/src/floor-server.ts")],
        { FLOOR_BODY_FILE: bodyFile },
        /listening (http:\/\/\S+)/,
        pin.serverPrefix,
      );
      processes.push(floor.child);
      await cannon(server.url + seatMapPath, {}, T.warmMs);
      seatMap = await cannon(server.url + seatMapPath, {}, T.runMs);
      await cannon(floor.url + seatMapPath, {}, T.warmMs);
      seatMapFloor = await cannon(floor.url + seatMapPath, {}, T.runMs);
      floor.child.kill("SIGTERM");
      log(`seat map ${round(seatMap.perSecond)} req/s vs floor ${round(seatMapFloor.perSecond)}`);
    }

    // Memory: anonymous seat maps for ids that name nothing must not grow any cache. A
    // first flood warms the process (JIT, pools, buffers); the second must leave RSS flat.
    let unknownIds = {
      requests: 0,
      non404: 0,
      rssBeforeMb: NaN,
      rssAfterMb: NaN,
      rssGrowthMb: NaN,
      heapBeforeMb: NaN,
      heapAfterMb: NaN,
      growthMb: NaN,
    };
    if (runs("unknown-ids")) {
      const flood = smoke ? 5_000 : 60_000;
      let floodNon404 = 0;
      const floodOnce = async () => {
        let sent = 0;
        await Promise.all(
          Array.from({ length: CONNECTIONS }, async () => {
            while (sent < flood) {
              sent += 1;
              const input = encodeURIComponent(JSON.stringify({ showtimeId: randomUUID() }));
              const res = await fetch(`${server.url}/trpc/showtime.seatMap?input=${input}`);
              await res.arrayBuffer();
              if (res.status !== 404) floodNon404 += 1;
            }
          }),
        );
        await new Promise((r) => setTimeout(r, 1_000));
        return rssMb(server.child.pid);
      };
      /** The server's live heap after a full collection (see heap-probe.mjs), in MB. */
      const liveHeapMb = async () => {
        rmSync(heapProbeFile, { force: true });
        server.child.kill("SIGUSR2");
        for (let i = 0; i < 100 && !existsSync(heapProbeFile); i += 1) {
          await new Promise((r) => setTimeout(r, 50));
        }
        return Number(readFileSync(heapProbeFile, "utf8")) / 2 ** 20;
      };
      const rssWarm = await floodOnce();
      const heapWarm = await liveHeapMb();
      const rssAfter = await floodOnce();
      const heapAfter = await liveHeapMb();
      unknownIds = {
        requests: flood,
        non404: floodNon404,
        rssBeforeMb: rssWarm,
        rssAfterMb: rssAfter,
        rssGrowthMb: rssAfter - rssWarm,
        heapBeforeMb: heapWarm,
        heapAfterMb: heapAfter,
        growthMb: heapAfter - heapWarm,
      };
      log(
        `unknown-id flood: ${flood} more requests, live heap ${round(unknownIds.growthMb, 1)} MB, ` +
          `RSS ${round(unknownIds.rssGrowthMb, 1)} MB`,
      );
    }

    // Booking: hold + confirm of 2 free seats by 50 users, through the real tRPC client.
    // The hot seat's pair is set aside first: a fast run may use up every other pair.
    const hotPair = pairs.pop();
    let next = 0;
    const take = () => pairs[next++];
    const bookersOf = (url: string) =>
      tokens.slice(0, BOOKERS).map((token) =>
        createTRPCClient<AppRouter>({
          links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
        }),
      );
    const bookWith = (clients: ReturnType<typeof bookersOf>) => async (worker: number) => {
      const pair = take();
      const c = clients[worker];
      if (!pair || !c) return false;
      const held = await c.reservation.hold.mutate({
        showtimeId: pair.showtimeId,
        seatIds: pair.seatIds,
      });
      await c.reservation.confirm.mutate({ reservationId: held.id });
      return true;
    };
    const skippedLoop = { ok: 0, failed: 0, perSecond: NaN, latency: percentiles([]) };
    let booking = skippedLoop;
    let bookingFloor = skippedLoop;
    if (runs("booking")) {
      const book = bookWith(bookersOf(server.url));
      await closedLoop({ workers: BOOKERS, durationMs: T.warmMs, iteration: book });
      booking = await closedLoop({ workers: BOOKERS, durationMs: T.runMs, iteration: book });
      log(`bookings ${round(booking.perSecond)}/s (${booking.failed} failed)`);

      const pool = new pg.Pool({ connectionString: scratch.url, max: POOL });
      const floorClients = sessions.rows
        .slice(0, BOOKERS)
        .map((s) => ({ pool, userId: s.userId, sessionId: s.id }));
      const floorBook = async (worker: number) => {
        const pair = take();
        const c = floorClients[worker];
        if (!pair || !c) return false;
        return floorBooking(c, pair.showtimeId, pair.seatIds);
      };
      await closedLoop({ workers: BOOKERS, durationMs: T.warmMs, iteration: floorBook });
      bookingFloor = await closedLoop({
        workers: BOOKERS,
        durationMs: T.runMs,
        iteration: floorBook,
      });
      await pool.end();
      log(`booking floor ${round(bookingFloor.perSecond)}/s (${bookingFloor.failed} failed)`);
    }

    // The ceiling: pgbench sending the same two calls, pinned like the load generator.
    let ceiling = { perSecond: NaN, p50: NaN, p99: NaN, failed: 0 };
    if (runs("ceiling")) {
      const ceilingPairs = pairs.slice(next, next + (smoke ? 500 : 100_000));
      next += ceilingPairs.length;
      await loadCeilingPairs(
        client,
        ceilingPairs,
        sessions.rows.slice(0, BOOKERS).map((s) => s.userId),
      );
      ceiling = await runCeiling({
        url: scratch.url,
        clients: BOOKERS,
        prefix: pin.loadPrefix,
        limit: smoke ? { transactions: 5 } : { seconds: T.runMs / 1000 },
      });
      log(`booking ceiling (pgbench) ${round(ceiling.perSecond)}/s (${ceiling.failed} failed)`);
    }

    // WORKERS=1 against WORKERS=2, both unpinned (two workers on one pinned core would
    // measure nothing), booking only.
    const byWorkers: Record<"one" | "two", Awaited<ReturnType<typeof closedLoop>>> = {
      one: { ok: 0, failed: 0, perSecond: NaN, latency: percentiles([]) },
      two: { ok: 0, failed: 0, perSecond: NaN, latency: percentiles([]) },
    };
    if (runs("workers")) {
      for (const [key, workers] of [
        ["one", "1"],
        ["two", "2"],
      ] as const) {
        const other = await startProcess(
          [join(root, "apps/server/dist/server/main.js")],
          { ...serverEnv, WORKERS: workers, HEAP_PROBE_FILE: "" },
          /running on (http:\/\/\S+)/,
          pin.loadPrefix.length > 0 ? ["taskset", "-c", `0-${cpus().length - 1}`] : [],
        );
        processes.push(other.child);
        const run = bookWith(bookersOf(other.url));
        await closedLoop({ workers: BOOKERS, durationMs: T.warmMs, iteration: run });
        byWorkers[key] = await closedLoop({
          workers: BOOKERS,
          durationMs: T.runMs,
          iteration: run,
        });
        other.child.kill("SIGTERM");
        await new Promise((r) => other.child.once("exit", r));
        log(`WORKERS=${workers} (unpinned): ${round(byWorkers[key].perSecond)} bookings/s`);
      }
    }

    // Hot seat: 1,000 clients on one seat at once (each its own connection and session).
    let hotSeat = {
      clients: HOT_CLIENTS,
      winners: NaN,
      conflicts: NaN,
      others: {} as Record<string, number>,
      allAnsweredMs: NaN,
      p50: NaN,
      p99: NaN,
    };
    if (runs("hot-seat")) {
      const hot = hotPair;
      const hotClients = tokens.slice(0, HOT_CLIENTS).map((token) =>
        createTRPCClient<AppRouter>({
          links: [
            httpLink({ url: `${server.url}/trpc`, headers: { authorization: `Bearer ${token}` } }),
          ],
        }),
      );
      const hotStart = performance.now();
      const hotLatencies: number[] = [];
      const outcomes = await Promise.all(
        hotClients.map(async (c) => {
          const s = performance.now();
          try {
            await c.reservation.hold.mutate({
              showtimeId: hot?.showtimeId ?? "",
              seatIds: [hot?.seatIds[0] ?? ""],
            });
            return "won";
          } catch (error) {
            if (!(error instanceof TRPCClientError)) return "error";
            const data = error.data as { code?: string; httpStatus?: number } | undefined;
            // No data: the answer was not tRPC's (a dropped connection, a proxy's page).
            if (!data) return `no tRPC answer: ${error.message.slice(0, 80)}`;
            return `${data.httpStatus ?? "?"} ${data.code ?? "?"}`;
          } finally {
            hotLatencies.push(performance.now() - s);
          }
        }),
      );
      const hotAll = performance.now() - hotStart;
      const others: Record<string, number> = {};
      for (const o of outcomes) {
        if (o !== "won" && o !== "409 CONFLICT") others[o] = (others[o] ?? 0) + 1;
      }
      const p = percentiles(hotLatencies);
      hotSeat = {
        clients: HOT_CLIENTS,
        winners: outcomes.filter((o) => o === "won").length,
        conflicts: outcomes.filter((o) => o === "409 CONFLICT").length,
        others,
        allAnsweredMs: hotAll,
        p50: p.p50,
        p99: p.p99,
      };
      log(
        `hot seat: ${hotSeat.winners} winner(s), ${hotSeat.conflicts} conflicts, ` +
          `other answers ${JSON.stringify(others)}, all answered in ${round(hotAll)} ms`,
      );
    }

    // Login: bounded by argon2 on purpose.
    let login = { perSecond: NaN, p50: NaN, p99: NaN, non2xx: 0 };
    if (runs("login")) {
      login = await cannon(
        `${server.url}/trpc/auth.login`,
        {
          connections: 4,
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "bench-owner@bench.test", password: LOGIN_PASSWORD }),
        },
        T.runMs,
      );
    }
    const rss = rssMb(server.child.pid);
    await client.end();

    // Live fan-out (its own two server processes): see live-fanout.ts.
    let live: Awaited<ReturnType<typeof liveFanout>> | null = null;
    if (runs("live")) {
      live = await liveFanout({ databaseUrl: scratch.url, root, tokens, smoke, log });
      log(`live fan-out: ${live.streams} streams, p99 ${live.allStreams.p99} ms`);
    }

    const results = {
      date: new Date().toISOString(),
      mode: smoke ? "smoke" : "full",
      machine: {
        cores: cpus().length,
        memoryGiB: round(totalmem() / 2 ** 30),
        node: process.version,
        postgres: (await pgVersion(scratch.url)) ?? "unknown",
      },
      dataset: counts.rows[0],
      seatMap: {
        marquee: seatMap,
        floor: seatMapFloor,
        ratio: seatMap.perSecond / seatMapFloor.perSecond,
      },
      pinning: pin.description,
      booking: {
        marquee: booking,
        floor: bookingFloor,
        ratio: booking.perSecond / bookingFloor.perSecond,
        ceiling: { perSecond: ceiling.perSecond, p50: ceiling.p50, p99: ceiling.p99 },
        ceilingRatio: booking.perSecond / ceiling.perSecond,
        workers: {
          one: byWorkers.one,
          two: byWorkers.two,
          ratio: byWorkers.two.perSecond / byWorkers.one.perSecond,
        },
      },
      unknownIds,
      scenarios: only === null ? "all" : [...only],
      hotSeat,
      login: { perSecond: login.perSecond, p50: login.p50, p99: login.p99, non2xx: login.non2xx },
      serverRssMb: rss,
      liveFanout: live,
    };
    const table = renderTable(results);
    console.log(`\n${table}\n`);
    writeFileSync(join(root, "bench/results/latest.json"), `${JSON.stringify(results, null, 2)}\n`);
    if (live) console.log(`${renderLiveFanout(live)}\n`);
    if (!smoke && only === null) updateDocs(table, results);
    if (!smoke && live) updateLiveDocs(root, live, results.date);
    const problems: string[] = [];
    if (runs("hot-seat") && hotSeat.winners !== 1) {
      problems.push(`hot seat had ${hotSeat.winners} winners`);
    }
    if (Object.keys(hotSeat.others).length > 0) {
      problems.push(`hot seat answered ${JSON.stringify(hotSeat.others)}`);
    }
    if (seatMap.non2xx > 0 || seatMap.errors > 0) problems.push("seat map answered errors");
    if (unknownIds.non404 > 0) problems.push(`${unknownIds.non404} unknown seat maps were not 404`);
    if (runs("booking") && booking.ok === 0) problems.push("no booking succeeded");
    if (live && live.missed > 0) problems.push(`${live.missed} live streams missed a change`);
    if (problems.length > 0) {
      console.error(`bench: ${problems.join("; ")}`);
      process.exitCode = 1;
    }
  } finally {
    for (const p of processes) p.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, process.env.BENCH_CPU_PROF ? 3_000 : 300));
    await scratch.drop().catch(() => undefined);
  }
}

async function pgVersion(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ server_version: string }>("SHOW server_version");
    return r.rows[0]?.server_version ?? null;
  } finally {
    await c.end();
  }
}

type Results = {
  seatMap: {
    marquee: { perSecond: number; p50: number; p99: number };
    floor: { perSecond: number; p50: number; p99: number };
    ratio: number;
  };
  booking: {
    marquee: { perSecond: number; failed: number; latency: { p50: number; p99: number } };
    floor: { perSecond: number; latency: { p50: number; p99: number } };
    ratio: number;
    ceiling: { perSecond: number; p50: number; p99: number };
    ceilingRatio: number;
    workers: {
      one: { perSecond: number; latency: { p50: number; p99: number } };
      two: { perSecond: number; latency: { p50: number; p99: number } };
      ratio: number;
    };
  };
  hotSeat: {
    clients: number;
    winners: number;
    conflicts: number;
    others: Record<string, number>;
    allAnsweredMs: number;
    p50: number;
    p99: number;
  };
  login: { perSecond: number; p50: number; p99: number };
  serverRssMb: number;
  unknownIds: { requests: number; non404: number; growthMb: number };
};

function renderTable(r: Results): string {
  const pct = (x: number) => `${round(x * 100, 0)}%`;
  const rows: [string, string, string, string][] = [
    [
      "Seat map req/s (50 connections)",
      `${round(r.seatMap.marquee.perSecond, 0)}`,
      `${round(r.seatMap.floor.perSecond, 0)}`,
      pct(r.seatMap.ratio),
    ],
    [
      "Seat map p50 / p99 ms",
      `${r.seatMap.marquee.p50} / ${r.seatMap.marquee.p99}`,
      `${r.seatMap.floor.p50} / ${r.seatMap.floor.p99}`,
      "",
    ],
    [
      "Bookings/s (hold + confirm, 50 users)",
      `${round(r.booking.marquee.perSecond)}`,
      `${round(r.booking.floor.perSecond)}`,
      pct(r.booking.ratio),
    ],
    [
      "Booking p50 / p99 ms",
      `${round(r.booking.marquee.latency.p50)} / ${round(r.booking.marquee.latency.p99)}`,
      `${round(r.booking.floor.latency.p50)} / ${round(r.booking.floor.latency.p99)}`,
      "",
    ],
    [
      "Bookings/s vs the pgbench ceiling (same SQL)",
      `${round(r.booking.marquee.perSecond)}`,
      `${round(r.booking.ceiling.perSecond)}`,
      pct(r.booking.ceilingRatio),
    ],
    [
      "pgbench ceiling p50 / p99 ms",
      "",
      `${round(r.booking.ceiling.p50)} / ${round(r.booking.ceiling.p99)}`,
      "",
    ],
    [
      "Bookings/s WORKERS=2 vs WORKERS=1 (both unpinned)",
      `${round(r.booking.workers.two.perSecond)}`,
      `${round(r.booking.workers.one.perSecond)}`,
      pct(r.booking.workers.ratio),
    ],
    [
      "Booking p50 / p99 ms WORKERS=2 vs WORKERS=1",
      `${round(r.booking.workers.two.latency.p50)} / ${round(r.booking.workers.two.latency.p99)}`,
      `${round(r.booking.workers.one.latency.p50)} / ${round(r.booking.workers.one.latency.p99)}`,
      "",
    ],
    [
      `Hot seat: ${r.hotSeat.clients} clients, all answered in ms`,
      `${round(r.hotSeat.allAnsweredMs, 0)}`,
      "",
      "",
    ],
    [
      "Hot seat: p50 / p99 ms, winners / other than 409",
      `${round(r.hotSeat.p50, 0)} / ${round(r.hotSeat.p99, 0)}, ${r.hotSeat.winners} / ${Object.values(r.hotSeat.others).reduce((a, b) => a + b, 0)}`,
      "",
      "",
    ],
    ["Logins/s (argon2id, 4 connections)", `${round(r.login.perSecond)}`, "", ""],
    [
      `Live-heap growth over ${r.unknownIds.requests} more unknown-id seat maps (MB, target < 30)`,
      `${round(r.unknownIds.growthMb, 1)}`,
      "",
      "",
    ],
    ["Server RSS after the run (MB)", `${round(r.serverRssMb, 0)}`, "", ""],
  ];
  return [
    "| figure | Marquee | floor | ratio |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map((cells) => `| ${cells.join(" | ")} |`),
  ].join("\n");
}

function updateDocs(
  table: string,
  r: Results & { date: string; machine: object; dataset: unknown; pinning: string },
): void {
  const file = join(root, "docs/benchmarks.md");
  let doc: string;
  try {
    doc = readFileSync(file, "utf8");
  } catch {
    doc = "# Benchmarks\n\n<!-- bench:start -->\n<!-- bench:end -->\n";
  }
  const block = [
    "<!-- bench:start -->",
    `Latest full run: ${r.date} on ${JSON.stringify(r.machine)}; dataset ${JSON.stringify(r.dataset)}.`,
    `Pinning: ${r.pinning}.`,
    "",
    table,
    "<!-- bench:end -->",
  ].join("\n");
  writeFileSync(file, doc.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, block));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
