// The database's own ceiling: pgbench running Marquee's hold and confirm calls (the same
// marquee_hold / marquee_confirm the API sends, one statement each) as a custom script, on
// the same database, with as many clients as the booking benchmark has users. The free
// seat pairs are handed out by a sequence inside the hold statement, so each transaction
// is still exactly two statements.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type pg from "pg";
import { percentiles } from "./stats";

export type Ceiling = { perSecond: number; p50: number; p99: number; failed: number };

const SCRIPT = `
SELECT p."userId" AS uid, marquee_hold(p."userId", p."showtimeId", ARRAY[p.a, p.b], NULL::text,
  now(), 10, 0, 1000000, gen_random_uuid(), substr(md5(random()::text), 1, 9))
  -> 'reservation' ->> 'id' AS rid
FROM bench_pairs p WHERE p.n = (SELECT nextval('bench_pair_seq')) \\gset
SELECT marquee_confirm(:rid::uuid, :uid::uuid, now(), 0);
`;

/** Loads the pairs pgbench may book (each once), with the users who book them. */
export async function loadCeilingPairs(
  client: pg.Client,
  pairs: { showtimeId: string; seatIds: [string, string] }[],
  userIds: string[],
): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS bench_pairs; DROP SEQUENCE IF EXISTS bench_pair_seq;
    CREATE TABLE bench_pairs (n bigint PRIMARY KEY, "userId" uuid, "showtimeId" uuid, a uuid, b uuid);
    CREATE SEQUENCE bench_pair_seq;`);
  await client.query(
    `INSERT INTO bench_pairs
     SELECT t.n, t.u, t.s, t.a, t.b
     FROM unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[]) AS t(n, u, s, a, b)`,
    [
      pairs.map((_, i) => i + 1),
      pairs.map((_, i) => userIds[i % userIds.length]),
      pairs.map((p) => p.showtimeId),
      pairs.map((p) => p.seatIds[0]),
      pairs.map((p) => p.seatIds[1]),
    ],
  );
}

/** Runs pgbench; `transactions` per client (smoke) or for `seconds` (full). */
export async function runCeiling(options: {
  url: string;
  clients: number;
  prefix: string[];
  limit: { seconds: number } | { transactions: number };
}): Promise<Ceiling> {
  const dir = mkdtempSync(join(tmpdir(), "marquee-pgbench-"));
  try {
    const script = join(dir, "booking.sql");
    writeFileSync(script, SCRIPT);
    const args = [
      "pgbench",
      "-n",
      "-M",
      "extended",
      "-c",
      String(options.clients),
      "-j",
      "2",
      ...("seconds" in options.limit
        ? ["-T", String(options.limit.seconds)]
        : ["-t", String(options.limit.transactions)]),
      "-f",
      script,
      "-l",
      "--log-prefix",
      join(dir, "tx"),
      options.url,
    ];
    const command = [...options.prefix, ...args];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(command[0] ?? "pgbench", command.slice(1), {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 ? resolve(out) : reject(new Error(`pgbench exited ${code}:\n${out}`)),
      );
    });
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
    // Per-transaction log lines: client, transaction, latency in µs, script, epoch s, µs.
    const latencies: number[] = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith("tx"))) {
      for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
        const micros = Number(line.split(" ")[2]);
        if (Number.isFinite(micros) && micros > 0) latencies.push(micros / 1000);
      }
    }
    const p = percentiles(latencies);
    return { perSecond: tps, p50: p.p50, p99: p.p99, failed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
