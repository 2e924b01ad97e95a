export type Latency = { p50: number; p99: number; max: number };

export function percentiles(samples: number[]): Latency {
  if (samples.length === 0) return { p50: NaN, p99: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

/** Runs `workers` loops until `durationMs` passes; each iteration's latency is recorded. */
export async function closedLoop(options: {
  workers: number;
  durationMs: number;
  iteration: (worker: number) => Promise<boolean>;
}): Promise<{ ok: number; failed: number; perSecond: number; latency: Latency }> {
  const samples: number[] = [];
  let ok = 0;
  let failed = 0;
  const start = performance.now();
  const end = start + options.durationMs;
  await Promise.all(
    Array.from({ length: options.workers }, async (_, worker) => {
      while (performance.now() < end) {
        const t = performance.now();
        const success = await options.iteration(worker).catch(() => false);
        if (success) {
          ok += 1;
          samples.push(performance.now() - t);
        } else failed += 1;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { ok, failed, perSecond: ok / seconds, latency: percentiles(samples) };
}

export const round = (n: number, digits = 1) =>
  Number.isFinite(n) ? Number(n.toFixed(digits)) : n;
