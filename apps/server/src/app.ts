// The HTTP host: tRPC under /trpc, health probes, the built web app with SPA fallback.
// It knows HTTP and nothing of the domain.
import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import etag from "@fastify/etag";
import helmet from "@fastify/helmet";
import {
  appRouter,
  createContextInner,
  retryAfterOf,
  type ApiConfig,
  type AppRouter,
  type SeatMapCache,
  type SessionCache,
  type SeatMapFeed,
  type SharedCounters,
} from "@marquee/api";
import { configDefaults, type PrismaClient } from "@marquee/db";
import { batchRefusal, MAX_BATCH_SIZE } from "@marquee/domain";
import { TRPCError } from "@trpc/server";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { useSeatMapFastPath } from "./live-seat-map-stream";
import { isEventStream, useLiveStreams, type LiveStreamLimits } from "./live-streams";
import { useCors } from "./cors";
import { type MetricsOptions, useMetrics } from "./metrics";
import { useOpenApi } from "./openapi";
import { useRateLimit } from "./rate-limit";
import {
  clearSessionCookie,
  passesCsrfCheck,
  readCredentials,
  setSessionCookie,
} from "./http-session";
import { useSeatMapBytes } from "./seat-map-bytes";
import { resolveViewer } from "./viewer";
import { hasWebApp, serveWebApp } from "./static";

export type AppOptions = {
  db: PrismaClient;
  api: ApiConfig;
  webDistDir: string | null;
  bodyLimit: number;
  logger: FastifyServerOptions["logger"];
  now?: () => Date;
  /** Reverse proxies to believe: false, a hop count, or their addresses (comma-separated). */
  trustProxy?: boolean | number | string;
  /** The origin browsers use (e.g. https://tickets.example.com); default: from Host. */
  publicOrigin?: string | null;
  /** The process's seat-map cache; without one every seat map reads the database. */
  seatMaps?: SeatMapCache;
  /** The process's session cache; without one every request looks its session up. */
  sessions?: SessionCache;
  /** Largest API answer sent (default 4 MiB); a bigger one is refused as asking too much. */
  maxResponseBytes?: number;
  /** The general per-address limit on /trpc, counted across processes; none without it. */
  rateLimit?: { counters: SharedCounters; perMinute: number };
  /** The process's live seat-map feed; without one, live streams are refused (503). */
  seatMapFeed?: SeatMapFeed;
  /** Open event streams allowed per process and per client address. */
  liveStreams?: LiveStreamLimits;
  /** True once shutdown has begun: /readyz answers 503 while requests are still served. */
  isDraining?: () => boolean;
  /** Prometheus metrics at /metrics, behind a bearer token; off without. */
  metrics?: Omit<MetricsOptions, "procedures">;
  /** Origins allowed to call the API from a browser (bearer tokens only); none by default. */
  corsOrigins?: readonly string[];
};

const REQUEST_ID = /^[\w.-]{1,64}$/;
/** How long /readyz waits for `SELECT 1` before answering 503. */
const READY_TIMEOUT_MS = 2_000;

/**
 * Fastify's trustProxy from the setting: a hop count trusts that many proxies next to us
 * (the addresses they append, right to left), never what the client wrote before them.
 */
function trustProxyOption(setting: boolean | number | string) {
  return typeof setting === "number" ? (_address: string, hop: number) => hop < setting : setting;
}

/**
 * One request may not make the server send an unbounded answer (batches of large pages):
 * past the cap the answer is a 400 asking for less, in the shape tRPC clients read.
 */
function capResponses(app: FastifyInstance, maxBytes: number): void {
  app.addHook("onSend", async (req, reply, payload) => {
    if (!req.url.startsWith("/trpc") || typeof payload !== "string") return payload;
    if (Buffer.byteLength(payload) <= maxBytes) return payload;
    reply.code(400).header("content-type", "application/json").removeHeader("etag");
    return JSON.stringify({
      error: {
        message: "This request asks for too much at once; ask for fewer items or fewer calls",
        code: -32600,
        data: { code: "BAD_REQUEST", httpStatus: 400 },
      },
    });
  });
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: options.bodyLimit,
    trustProxy: trustProxyOption(options.trustProxy ?? false),
    // Honour a sane upstream request id, else make one; every log line carries it.
    genReqId: (req) => {
      const header = req.headers["x-request-id"];
      return typeof header === "string" && REQUEST_ID.test(header) ? header : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { maxParamLength: 5000 },
  });

  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });
  if (options.metrics) {
    useMetrics(app, { ...options.metrics, procedures: Object.keys(appRouter._def.procedures) });
  }

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "https:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Plain-http localhost must keep working; HSTS belongs to the TLS terminator.
    hsts: false,
  });

  await useCors(app, options.corsOrigins ?? []);
  await app.register(cookie);
  // Polling clients (seat maps every few seconds) revalidate with If-None-Match and get an
  // empty 304 when nothing changed. tRPC answers with a web Response (a stream); query
  // answers are small JSON, so buffer them for the ETag. Event streams pass as they are.
  const liveStreams = useLiveStreams(
    app,
    options.liveStreams ?? {
      perProcess: configDefaults.MAX_LIVE_STREAMS,
      perAddress: configDefaults.MAX_LIVE_STREAMS_PER_ADDRESS,
    },
  );
  app.addHook("onSend", async (req, reply, payload) => {
    if (req.method !== "GET" || !req.url.startsWith("/trpc/") || !(payload instanceof Response)) {
      return payload;
    }
    if (isEventStream(payload)) return payload;
    void reply.code(payload.status);
    payload.headers.forEach((value, key) => void reply.header(key, value));
    return payload.text();
  });
  await app.register(etag, { weak: true });
  if (options.rateLimit) await useRateLimit(app, options.rateLimit);
  capResponses(app, options.maxResponseBytes ?? 4 * 1024 * 1024);
  const now = options.now ?? (() => new Date());

  // CSRF: decided here, before tRPC runs, from headers alone.
  app.addHook("preHandler", async (req, reply) => {
    if (!req.url.startsWith("/trpc")) return;
    if (!passesCsrfCheck(req, readCredentials(req), options.publicOrigin ?? null)) {
      return reply.code(403).send({
        error: "Forbidden",
        message: "Cross-site request refused: this request must come from the Marquee app",
      });
    }
  });

  if (options.seatMapFeed) {
    useSeatMapFastPath(app, options.seatMapFeed, liveStreams, { ...options, now });
  }

  // Probes come every few seconds: logged only when something is wrong.
  app.get("/healthz", { logLevel: "warn" }, async () => ({ status: "ok" }));
  app.get("/readyz", { logLevel: "warn" }, async (_req, reply) => {
    if (options.isDraining?.()) {
      return reply.code(503).send({ status: "unavailable", reason: "shutting down" });
    }
    // A database that accepts packets but never answers would hang the probe (and the
    // orchestrator behind it): give up after a short while and say not ready.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error("readiness check timed out")), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([options.db.$queryRaw`SELECT 1`, timeout]);
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "unavailable", reason: "database unreachable" });
    } finally {
      clearTimeout(timer);
    }
  });

  useSeatMapBytes(app, { ...options, now });
  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: async ({ req, res, info }) => {
        const refusal = batchRefusal(info.calls.map((c) => c.path));
        if (refusal) throw new TRPCError({ code: "BAD_REQUEST", message: refusal });
        const auth = await resolveViewer(req, res, {
          db: options.db,
          now,
          sessions: options.sessions,
        });
        return createContextInner({
          db: options.db,
          config: options.api,
          user: auth.user,
          session: auth.session,
          now,
          requestId: req.id,
          clientIp: req.ip,
          ...(options.seatMaps ? { seatMaps: options.seatMaps } : {}),
          ...(options.sessions ? { sessions: options.sessions } : {}),
          seatMapFeed: options.seatMapFeed ?? null,
          origin: options.publicOrigin ?? `${req.protocol}://${req.host}`,
          transport: {
            setSession: (token, expiresAt) => setSessionCookie(req, res, token, expiresAt),
            clearSession: () => clearSessionCookie(req, res),
          },
        });
      },
      responseMeta({ errors, type }) {
        // Answers can be personal (MINE seats, auth.me): never in a shared cache, and always
        // revalidated, which the ETag makes cheap.
        const caching = type === "query" ? { "cache-control": "private, no-cache" } : {};
        for (const error of errors) {
          const retry = retryAfterOf(error.cause);
          if (retry !== null) {
            return { headers: { ...caching, "retry-after": String(retry) } };
          }
        }
        return { headers: caching };
      },
      onError({ error, path, req }) {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          req.log.error({ err: error.cause ?? error, path }, "procedure failed");
        }
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });

  // REST under /api/v1 and /openapi.json, for clients that do not speak tRPC.
  await useOpenApi(app, {
    db: options.db,
    api: options.api,
    now,
    ...(options.seatMaps ? { seatMaps: options.seatMaps } : {}),
  });

  if (hasWebApp(options.webDistDir)) {
    await serveWebApp(app, options.webDistDir);
  } else {
    app.get("/", async (_req, reply) =>
      reply
        .type("text/html")
        .send(
          "<!doctype html><title>Marquee</title><p>The web app is not built: run pnpm build.</p>",
        ),
    );
  }

  return app;
}
