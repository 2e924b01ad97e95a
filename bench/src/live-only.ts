// pnpm --filter @marquee/bench bench:live: only the live fan-out, at full size (2,000 streams),
// on a small seeded cinema; rewrites its block in docs/benchmarks.md. `pnpm bench` runs it too.
import { fileURLToPath } from "node:url";
import { generateSessionToken, sessionIdFromToken } from "@marquee/api";
import { createDb, migrate } from "@marquee/db";
import { createScratchPostgres } from "@marquee/db/scratch";
import pg from "pg";
import { createBenchUsers, seedDataset, SMOKE } from "./dataset";
import { liveFanout, renderLiveFanout, updateLiveDocs } from "./live-fanout";

const root = fileURLToPath(new URL("../../", import.meta.url));

async function main(): Promise<void> {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) {
    console.error("bench:live needs PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)");
    process.exit(2);
  }
  const scratch = await createScratchPostgres("marquee_bench_live", base);
  try {
    const db = await createDb(scratch.url);
    await migrate(db);
    await db.close();
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    await seedDataset(client, SMOKE);
    const tokens = await createBenchUsers(client, 50, sessionIdFromToken, generateSessionToken);
    await client.end();
    const result = await liveFanout({
      databaseUrl: scratch.url,
      root,
      tokens,
      smoke: process.argv.includes("--smoke"),
      log: (m) => console.log(`[bench] ${m}`),
    });
    console.log(`\n${renderLiveFanout(result)}\n`);
    if (!process.argv.includes("--smoke")) updateLiveDocs(root, result, new Date().toISOString());
    if (result.missed > 0) {
      console.error(`bench: ${result.missed} live streams missed a change`);
      process.exitCode = 1;
    }
  } finally {
    await scratch.drop().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
