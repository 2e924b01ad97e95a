// Live fan-out: N open seat-map streams (SSE) on one server process, a change made through a
// second process, and the time until every stream has it; then the server's RSS per open
// stream, and its CPU per 1,000 viewers streaming against the same viewers polling every 4 s.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import pg from "pg";
import { percentiles, round } from "./stats";

export type LiveFanoutOptions = {
  databaseUrl: string;
  root: string;
  /** Session tokens of bench users (one hold each per round). */
  tokens: string[];
  smoke: boolean;
  log?: (message: string) => void;
};

export type LiveFanoutResult = {
  streams: number;
  rounds: number;
  /** ms from sending the hold to process B until a stream on A has the change. */
  allStreams: { p50: number; p99: number; max: number };
  /** ms from the hold's answer (its commit is before it) until a stream has the change. */
  afterCommit: { p50: number; p99: number; max: number };
  /** One viewer alone on A (before the others open): hold sent on B → change, and after commit. */
  single: { rounds: number; p50: number; p99: number; afterCommit: { p50: number; p99: number } };
  /** The hold's own round trip on B, p50 ms. */
  holdP50: number;
  /** Per round: ms until the last stream had it. */
  lastStreamP50: number;
  rssPerStreamKb: number;
  rssBeforeMb: number;
  rssWithStreamsMb: number;
  /** CPU seconds per second of the viewers' server per 1,000 viewers, its idle use removed. */
  cpuPer1000: { live: number; polling: number; ratio: number; idle: number };
  missed: number;
};

const POLL_MS = 4_000;

function startServer(root: string, env: Record<string, string>) {
  return new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
    // LIVE_BENCH_NODE_ARGS: extra node flags for the servers (e.g. --cpu-prof to profile them).
    const flags = (process.env.LIVE_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const main = join(root, "apps/server/dist/server/main.js");
    const child = spawn(process.execPath, [...flags, main], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
}

/** /proc/<pid>: resident memory (MB) and CPU time used so far (s). */
function usage(pid: number | undefined): { rssMb: number; cpuS: number } {
  if (!pid) return { rssMb: NaN, cpuS: NaN };
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in 1/100 s
  return { rssMb: rssKb / 1024, cpuS: ticks / 100 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Stream = {
  buffer: string;
  seen: Map<string, number>;
  mapped: boolean;
  req: http.ClientRequest;
};

/** An SSE stream read by hand (cheap for the load generator): notes when each seat went HELD. */
function openStream(agent: http.Agent, url: string, showtimeId: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const input = encodeURIComponent(JSON.stringify({ showtimeId }));
    const stream = { buffer: "", seen: new Map<string, number>(), mapped: false } as Stream;
    stream.req = http.get(
      `${url}/trpc/showtime.seatMapChanges?input=${input}`,
      { agent, headers: { accept: "text/event-stream" } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream refused: ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          const at = performance.now();
          stream.buffer += chunk;
          let end = stream.buffer.indexOf("\n\n");
          while (end >= 0) {
            const event = stream.buffer.slice(0, end);
            stream.buffer = stream.buffer.slice(end + 2);
            end = stream.buffer.indexOf("\n\n");
            const data = /^data: (.*)$/m.exec(event)?.[1];
            if (!data || !data.startsWith("{")) continue;
            // A tracked event's data is the event itself (its id travels in `id:`).
            const parsed = JSON.parse(data) as {
              type?: string;
              seats?: { id: string; state: string }[];
            };
            if (parsed.type === "map" && !stream.mapped) {
              stream.mapped = true;
              resolve(stream);
            }
            for (const s of parsed.seats ?? []) {
              if (s.state === "HELD" && !stream.seen.has(s.id)) stream.seen.set(s.id, at);
            }
          }
        });
      },
    );
    stream.req.on("error", reject);
    // Only a report for a hang: a stream that never sends its map fails the run.
    setTimeout(() => reject(new Error("a stream sent no map within 60 s")), 60_000).unref();
  });
}

async function freeSeats(databaseUrl: string, count: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; seats: string[] }>(
      `SELECT s.id, (array_agg(seat.id ORDER BY seat.y, seat.x))[1:$1] AS seats
       FROM "Showtime" s JOIN "Seat" seat ON seat."hallId" = s."hallId"
       WHERE s.status = 'SCHEDULED' AND s."startsAt" > now() + interval '1 day'
         AND NOT EXISTS (SELECT 1 FROM "ReservationSeat" rs
                         WHERE rs."showtimeId" = s.id AND rs."seatId" = seat.id AND rs.live)
       GROUP BY s.id HAVING count(*) >= $1 ORDER BY s."startsAt" DESC LIMIT 1`,
      [count],
    );
    const row = rows[0];
    if (!row) throw new Error("no showtime with enough free seats for the fan-out");
    return { showtimeId: row.id, seatIds: row.seats };
  } finally {
    await client.end();
  }
}

export async function liveFanout(options: LiveFanoutOptions): Promise<LiveFanoutResult> {
  const streams = options.smoke ? 50 : 2_000;
  const rounds = options.smoke ? 3 : 20;
  const singleRounds = options.smoke ? 5 : 40;
  const windowMs = options.smoke ? 2_000 : 12_000;
  const env = {
    DATABASE_URL: options.databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    RATE_LIMIT_PER_MINUTE: "0",
    SEED_DEMO: "false",
    ADMIN_PASSWORD: "bench-admin-password",
    MAX_SEATS_PER_SHOWTIME: "1000",
    // Every viewer comes from the load generator's one address.
    MAX_LIVE_STREAMS_PER_ADDRESS: String(streams * 2),
    NODE_ENV: "production",
  };
  const processes: ChildProcess[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  try {
    const a = await startServer(options.root, env);
    processes.push(a.child);
    const b = await startServer(options.root, env);
    processes.push(b.child);
    if (options.tokens.length <= rounds) throw new Error("the fan-out needs more bench users");
    const { showtimeId, seatIds } = await freeSeats(options.databaseUrl, rounds + 2 + singleRounds);
    const pid = a.child.pid;
    const log = options.log ?? (() => {});
    log(`live fan-out: viewers' server ${a.url}, writer ${b.url}, showtime ${showtimeId}`);
    // Warm the stream path (JIT, buffers), then take the baselines: RSS and idle CPU.
    const warm = await Promise.all(
      Array.from({ length: 20 }, () => openStream(agent, a.url, showtimeId)),
    );
    for (const s of warm) s.req.destroy();
    const hold = async (round: number, seatId = seatIds[round] ?? "") => {
      const token = options.tokens[round % options.tokens.length] ?? "";
      const sent = performance.now();
      const res = await fetch(`${b.url}/trpc/reservation.hold`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ showtimeId, seatIds: [seatId] }),
      });
      if (!res.ok) throw new Error(`hold failed: ${res.status} ${await res.text()}`);
      return { seatId, sent, answered: performance.now() };
    };
    // One viewer alone on A: the cross-process latency of a change, nothing else streaming.
    const alone = await openStream(agent, a.url, showtimeId);
    const single: number[] = [];
    const singleAfterCommit: number[] = [];
    for (let i = 0; i < singleRounds; i += 1) {
      const seatId = seatIds[rounds + 2 + i] ?? "";
      const { sent, answered } = await hold(i % (options.tokens.length - 1), seatId);
      for (let wait = 0; wait < 1_000 && !alone.seen.has(seatId); wait += 1) await sleep(5);
      const at = alone.seen.get(seatId);
      if (at === undefined) throw new Error("the lone viewer missed a change");
      single.push(at - sent);
      singleAfterCommit.push(at - answered);
      await sleep(100);
    }
    alone.req.destroy();

    await sleep(1_000);
    const before = usage(pid);
    await sleep(windowMs / 4);
    const idleCpu = (usage(pid).cpuS - before.cpuS) / (windowMs / 4 / 1000);

    const open: Stream[] = [];
    for (let i = 0; i < streams; i += 100) {
      const batch = Math.min(100, streams - i);
      const opened = await Promise.all(
        Array.from({ length: batch }, () => openStream(agent, a.url, showtimeId)),
      );
      open.push(...opened);
    }
    await sleep(1_000);
    const withStreams = usage(pid);
    log(`live fan-out: ${open.length} streams open`);

    // Changes made on B, one at a time; each must reach every stream on A.
    const latencies: number[] = [];
    const afterCommit: number[] = [];
    const holdTimes: number[] = [];
    const lastPerRound: number[] = [];
    let missed = 0;
    for (let round = 0; round < rounds; round += 1) {
      const { seatId, sent, answered } = await hold(round);
      holdTimes.push(answered - sent);
      for (let wait = 0; wait < 100 && open.some((s) => !s.seen.has(seatId)); wait += 1) {
        await sleep(50);
      }
      const arrivals = open.map((s) => s.seen.get(seatId));
      missed += arrivals.filter((t) => t === undefined).length;
      const got = arrivals.filter((t): t is number => t !== undefined).map((t) => t - sent);
      latencies.push(...got);
      afterCommit.push(...got.map((t) => t - (answered - sent)));
      lastPerRound.push(Math.max(...got));
    }

    // CPU of A: streams open while a change arrives every second, then the same viewers
    // polling every 4 s (revalidating with the ETag, as browsers do) and no streams.
    const cpuStart = usage(pid).cpuS;
    const t0 = performance.now();
    // One more account moves its hold between two seats: each move is a change.
    const mover = options.tokens.length - 1;
    for (let i = 0; performance.now() - t0 < windowMs; i += 1) {
      await hold(mover, seatIds[rounds + (i % 2)]);
      await sleep(1_000);
    }
    log(`live fan-out: ${rounds} changes delivered; measuring CPU`);
    const liveCpu = (usage(pid).cpuS - cpuStart) / ((performance.now() - t0) / 1000);
    for (const s of open) s.req.destroy();
    await sleep(1_000);

    const input = encodeURIComponent(JSON.stringify({ showtimeId }));
    const mapUrl = `${a.url}/trpc/showtime.seatMap?input=${input}`;
    const etag = (await fetch(mapUrl)).headers.get("etag") ?? "";
    const pollStart = usage(pid).cpuS;
    const p0 = performance.now();
    let stop = false;
    const poller = async (offset: number) => {
      await sleep(offset);
      while (!stop) {
        const started = performance.now();
        await new Promise<void>((resolve) => {
          http
            .get(mapUrl, { agent, headers: { "if-none-match": etag } }, (res) => {
              res.resume();
              res.on("end", () => resolve());
            })
            .on("error", () => resolve());
        });
        await sleep(Math.max(0, POLL_MS - (performance.now() - started)));
      }
    };
    const pollers = Array.from({ length: streams }, (_, i) => poller((i * POLL_MS) / streams));
    await sleep(windowMs);
    stop = true;
    const pollCpu = (usage(pid).cpuS - pollStart) / ((performance.now() - p0) / 1000);
    await Promise.all(pollers);

    const p = percentiles(latencies);
    const s1 = percentiles(single);
    const c = percentiles(afterCommit);
    const perThousand = 1_000 / streams;
    const net = (cpu: number) => Math.max(0, cpu - idleCpu) * perThousand;
    return {
      streams,
      rounds,
      allStreams: { p50: round(p.p50), p99: round(p.p99), max: round(p.max) },
      afterCommit: { p50: round(c.p50), p99: round(c.p99), max: round(c.max) },
      single: {
        rounds: singleRounds,
        p50: round(s1.p50),
        p99: round(s1.p99),
        afterCommit: {
          p50: round(percentiles(singleAfterCommit).p50),
          p99: round(percentiles(singleAfterCommit).p99),
        },
      },
      holdP50: round(percentiles(holdTimes).p50),
      lastStreamP50: round(percentiles(lastPerRound).p50),
      rssPerStreamKb: round(((withStreams.rssMb - before.rssMb) * 1024) / streams),
      rssBeforeMb: round(before.rssMb),
      rssWithStreamsMb: round(withStreams.rssMb),
      cpuPer1000: {
        live: round(net(liveCpu), 3),
        polling: round(net(pollCpu), 3),
        ratio: round(net(liveCpu) / net(pollCpu), 2),
        idle: round(idleCpu, 3),
      },
      missed,
    };
  } finally {
    agent.destroy();
    for (const p of processes) p.kill("SIGTERM");
  }
}

export function renderLiveFanout(r: LiveFanoutResult): string {
  return [
    "| live fan-out figure | value |",
    "| --- | ---: |",
    `| one viewer alone on A, hold sent on B → change, p50 / p99 ms (${r.single.rounds} changes) | ${r.single.p50} / ${r.single.p99} |`,
    `| one viewer alone on A, hold answered on B → change, p50 / p99 ms | ${r.single.afterCommit.p50} / ${r.single.afterCommit.p99} |`,
    `| open streams on process A / changes made on process B | ${r.streams} / ${r.rounds} |`,
    `| hold sent on B → change on every stream of A, p50 / p99 / max ms | ${r.allStreams.p50} / ${r.allStreams.p99} / ${r.allStreams.max} |`,
    `| hold answered on B → change on every stream of A, p50 / p99 / max ms | ${r.afterCommit.p50} / ${r.afterCommit.p99} / ${r.afterCommit.max} |`,
    `| the hold's own round trip on B, p50 ms | ${r.holdP50} |`,
    `| change → last stream of a round, median ms | ${r.lastStreamP50} |`,
    `| streams that missed a change | ${r.missed} |`,
    `| server RSS per open stream (KB) | ${r.rssPerStreamKb} (${r.rssBeforeMb} → ${r.rssWithStreamsMb} MB) |`,
    `| CPU s/s per 1,000 viewers above idle (${r.cpuPer1000.idle}): live, 1 change/s, vs polling every 4 s | ${r.cpuPer1000.live} vs ${r.cpuPer1000.polling} (${Math.round(r.cpuPer1000.ratio * 100)}%) |`,
  ].join("\n");
}

/** Rewrites the live fan-out block of docs/benchmarks.md (full runs only). */
export function updateLiveDocs(root: string, r: LiveFanoutResult, date: string): void {
  const file = join(root, "docs/benchmarks.md");
  const doc = readFileSync(file, "utf8");
  const block = [
    "<!-- bench:live:start -->",
    `Latest full run: ${date}.`,
    "",
    renderLiveFanout(r),
    "<!-- bench:live:end -->",
  ].join("\n");
  const marked = /<!-- bench:live:start -->[\s\S]*<!-- bench:live:end -->/;
  writeFileSync(file, marked.test(doc) ? doc.replace(marked, block) : `${doc}\n${block}\n`);
}
