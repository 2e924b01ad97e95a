// Prometheus metrics at /metrics (prom-client), off unless METRICS_TOKEN is set and readable
// only with that token as a bearer token. Labels come from closed sets (the router's
// procedure names, Fastify's route patterns), so hostile URLs cannot grow the series.
// Each process has its own registry: with WORKERS=N every worker answers for itself
// (scrape each, or aggregate with prom-client's AggregatorRegistry in the primary).
import { createHash, timingSafeEqual } from "node:crypto";
import { type FastifyInstance } from "fastify";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** A number read at scrape time. */
export type MetricsGauge = { name: string; help: string; read: () => Promise<number> | number };

export type MetricsOptions = {
  /** The bearer token scrapers send. */
  token: string;
  /** Procedure names of the router: any other path is counted as "unknown". */
  procedures: readonly string[];
  /** The PostgreSQL pool's connections right now (none on PGlite). */
  pool?: () => { total: number; idle: number; waiting: number } | null;
  /** Live holds and confirmed bookings (read from the database at scrape time). */
  reservations?: () => Promise<{ holds: number; bookings: number }>;
  /**
   * Further gauges, one registration each. The outbox depth (mail waiting to be sent)
   * registers here once the outbox exists: `{ name: "marquee_outbox_depth", ... }`.
   */
  gauges?: readonly MetricsGauge[];
};

const digest = (value: string) => createHash("sha256").update(value).digest();

/** The procedure names of a tRPC URL (`/trpc/a.b,c.d?batch=1`), unknown ones folded. */
export function proceduresOf(url: string, known: ReadonlySet<string>): string[] {
  const path = url.slice("/trpc/".length).split("?")[0] ?? "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return ["unknown"];
  }
  return decoded.split(",").map((name) => (known.has(name) ? name : "unknown"));
}

export function useMetrics(app: FastifyInstance, options: MetricsOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "marquee_" });
  const known = new Set(options.procedures);

  const requests = new Counter({
    name: "marquee_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status code",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const procedureSeconds = new Histogram({
    name: "marquee_trpc_request_duration_seconds",
    help: "Time to answer tRPC requests, per procedure (every call of a batch gets the batch's time)",
    labelNames: ["procedure"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    if (req.url.startsWith("/trpc/")) {
      const seconds = reply.elapsedTime / 1000;
      for (const procedure of proceduresOf(req.url, known)) {
        procedureSeconds.observe({ procedure }, seconds);
      }
    }
  });

  if (options.pool) {
    const read = options.pool;
    new Gauge({
      name: "marquee_db_pool_connections",
      help: "PostgreSQL pool connections of this process, in use or idle",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        const stats = read();
        if (!stats) return;
        this.set({ state: "in_use" }, stats.total - stats.idle);
        this.set({ state: "idle" }, stats.idle);
      },
    });
    new Gauge({
      name: "marquee_db_pool_waiting",
      help: "Queries of this process waiting for a PostgreSQL connection",
      registers: [registry],
      collect() {
        const stats = read();
        if (stats) this.set(stats.waiting);
      },
    });
  }

  if (options.reservations) {
    const read = options.reservations;
    // One database read per scrape for both gauges.
    let pending: Promise<{ holds: number; bookings: number }> | null = null;
    const once = () => {
      pending ??= read().finally(() => {
        pending = null;
      });
      return pending;
    };
    new Gauge({
      name: "marquee_holds_live",
      help: "Seat holds that have not expired, confirmed or been cancelled",
      registers: [registry],
      async collect() {
        this.set((await once()).holds);
      },
    });
    new Gauge({
      name: "marquee_bookings_confirmed",
      help: "Confirmed bookings in the database (all time; rate() shows bookings per second)",
      registers: [registry],
      async collect() {
        this.set((await once()).bookings);
      },
    });
  }

  for (const gauge of options.gauges ?? []) {
    new Gauge({
      name: gauge.name,
      help: gauge.help,
      registers: [registry],
      async collect() {
        this.set(await gauge.read());
      },
    });
  }

  const expected = digest(`Bearer ${options.token}`);
  app.get("/metrics", { logLevel: "warn" }, async (req, reply) => {
    const given = req.headers.authorization ?? "";
    // Compared as digests: equal lengths, constant time.
    if (!timingSafeEqual(digest(given), expected)) {
      return reply
        .code(401)
        .header("www-authenticate", 'Bearer realm="metrics"')
        .send({ error: "Unauthorized", message: "/metrics needs the METRICS_TOKEN bearer token" });
    }
    try {
      const body = await registry.metrics();
      return reply.type(registry.contentType).send(body);
    } catch (error) {
      req.log.warn({ err: error }, "collecting metrics failed");
      return reply.code(503).send({ error: "Service Unavailable", message: "metrics unavailable" });
    }
  });
  return registry;
}
