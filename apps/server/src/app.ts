// The HTTP host: tRPC under /trpc, health probes, the built web app with SPA fallback.
// It knows HTTP and nothing of the domain.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import cookie from "@fastify/cookie";
import etag from "@fastify/etag";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import {
  appRouter,
  createContextInner,
  fromDatabaseFailure,
  retryAfterOf,
  toTRPCError,
  validateSessionToken,
  type ApiConfig,
  type AppRouter,
  type SeatMapCache,
  type SharedCounters,
} from "@marquee/api";
import { type PrismaClient } from "@marquee/db";
import { batchRefusal, MAX_BATCH_SIZE } from "@marquee/domain";
import { TRPCError } from "@trpc/server";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { useRateLimit } from "./rate-limit";
import { type ResponseCache, useResponseCache } from "./response-cache";
import {
  clearSessionCookie,
  passesCsrfCheck,
  readCredentials,
  setSessionCookie,
} from "./http-session";

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
  /** Whole-answer cache for hot anonymous queries (seat maps); cleared on DB changes. */
  responseCache?: ResponseCache;
  /** The process's seat-map cache; without one every seat map reads the database. */
  seatMaps?: SeatMapCache;
  /** Largest API answer sent (default 4 MiB); a bigger one is refused as asking too much. */
  maxResponseBytes?: number;
  /** The general per-address limit on /trpc, counted across processes; none without it. */
  rateLimit?: { counters: SharedCounters; perMinute: number };
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

  await app.register(cookie);
  // Polling clients (seat maps every few seconds) revalidate with If-None-Match and get an
  // empty 304 when nothing changed. tRPC answers with a web Response (a stream); query
  // answers are small JSON, so buffer them for the ETag.
  app.addHook("onSend", async (req, reply, payload) => {
    if (req.method !== "GET" || !req.url.startsWith("/trpc/") || !(payload instanceof Response)) {
      return payload;
    }
    void reply.code(payload.status);
    payload.headers.forEach((value, key) => void reply.header(key, value));
    return payload.text();
  });
  await app.register(etag, { weak: true });
  if (options.rateLimit) await useRateLimit(app, options.rateLimit);
  capResponses(app, options.maxResponseBytes ?? 4 * 1024 * 1024);
  if (options.responseCache) {
    useResponseCache(app, options.responseCache, (req) => readCredentials(req).kind === "none");
  }
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

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_req, reply) => {
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

  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: async ({ req, res, info }) => {
        const refusal = batchRefusal(info.calls.map((c) => c.path));
        if (refusal) throw new TRPCError({ code: "BAD_REQUEST", message: refusal });
        const credentials = readCredentials(req);
        let auth: Awaited<ReturnType<typeof validateSessionToken>> = { user: null, session: null };
        if (credentials.kind !== "none") {
          try {
            auth = await validateSessionToken(options.db, credentials.token, now());
          } catch (error) {
            // Runs before any procedure (and its error mapping): a lost or saturated database
            // here is a 503 with Retry-After too, not a 500.
            const failure = fromDatabaseFailure(error);
            throw failure ? toTRPCError(failure) : error;
          }
          if (credentials.kind === "cookie") {
            if (!auth.session) clearSessionCookie(req, res);
            else if (auth.session.renewed) {
              setSessionCookie(req, res, credentials.token, auth.session.expiresAt);
            }
          }
        }
        return createContextInner({
          db: options.db,
          config: options.api,
          user: auth.user,
          session: auth.session,
          now,
          requestId: req.id,
          clientIp: req.ip,
          ...(options.seatMaps ? { seatMaps: options.seatMaps } : {}),
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

  if (options.webDistDir && existsSync(join(options.webDistDir, "index.html"))) {
    await app.register(fastifyStatic, {
      root: options.webDistDir,
      wildcard: false,
      index: ["index.html"],
    });
    // SPA fallback: unknown GETs that want HTML get the app; API-ish paths get a JSON 404.
    app.setNotFoundHandler((req, reply) => {
      const wantsHtml = (req.headers.accept ?? "").includes("text/html");
      if (req.method === "GET" && wantsHtml && !req.url.startsWith("/trpc")) {
        return reply.type("text/html").sendFile("index.html");
      }
      return reply.code(404).send({ error: "Not Found", path: req.url });
    });
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
