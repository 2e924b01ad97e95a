// Preloaded into the benchmarked server only (node --expose-gc --import): on SIGUSR2 it
// collects garbage and writes the live heap size to the file HEAP_PROBE_FILE names, so the
// benchmark measures what the process keeps, not V8's collection slack.
import { writeFileSync } from "node:fs";

process.on("SIGUSR2", () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const file = process.env.HEAP_PROBE_FILE;
  if (file) writeFileSync(file, String(process.memoryUsage().heapUsed));
});
