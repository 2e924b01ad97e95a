// Where the load generator and the server run. On a machine with at least two cores and
// `taskset`, the load generator (this process, and pgbench) takes core 0 and the server the
// others, so they do not steal each other's time; PostgreSQL is not pinned (it is a
// separate service). Elsewhere nothing is pinned, and the bench says so.
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";

export type Pinning = {
  /** Prefix for commands that should run on the load generator's cores. */
  loadPrefix: string[];
  /** Prefix for the server's command. */
  serverPrefix: string[];
  /** One line for the log and the results. */
  description: string;
};

const none = (why: string): Pinning => ({
  loadPrefix: [],
  serverPrefix: [],
  description: `not pinned (${why})`,
});

export function pinCores(enabled: boolean): Pinning {
  if (!enabled) return none("BENCH_PIN=0");
  const cores = cpus().length;
  if (cores < 2) return none("one core");
  const probe = spawnSync("taskset", ["-pc", "0", String(process.pid)], { encoding: "utf8" });
  if (probe.status !== 0) return none("taskset is missing or not allowed");
  const server = cores === 2 ? "1" : `1-${cores - 1}`;
  return {
    loadPrefix: ["taskset", "-c", "0"],
    serverPrefix: ["taskset", "-c", server],
    description: `load generator and pgbench on core 0, server on core ${server} (taskset); PostgreSQL unpinned`,
  };
}
