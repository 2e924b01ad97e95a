// REST for non-TypeScript clients (kiosks, partner sites, apps): the procedures that carry
// `.meta({ openapi })` are served under /api/v1 by trpc-to-openapi and described by an
// OpenAPI 3.1 document at /openapi.json, generated from the same zod schemas as the tRPC API.
// Bearer tokens only: a cookie never authenticates a REST call, so a browser on another
// origin cannot act with a signed-in guest's session.
import {
  appRouter,
  createContextInner,
  describeIssues,
  fromDatabaseFailure,
  retryAfterOf,
  toTRPCError,
  validateSessionToken,
  type ApiConfig,
  type SeatMapCache,
} from "@marquee/api";
import { type PrismaClient } from "@marquee/db";
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { type NodeHTTPResponse } from "@trpc/server/adapters/node-http";
import {
  createOpenApiNodeHttpHandler,
  generateOpenApiDocument,
  type NodeHTTPRequest,
} from "trpc-to-openapi";
import { readCredentials } from "./http-session";

export const REST_PREFIX = "/api/v1";

export type OpenApiOptions = {
  db: PrismaClient;
  api: ApiConfig;
  now: () => Date;
  seatMaps?: SeatMapCache;
};

/** The OpenAPI 3.1 document of the REST routes (servers: relative to this host). */
export function openApiDocument() {
  return generateOpenApiDocument(appRouter, {
    title: "Marquee API",
    version: "1.0.0",
    description:
      "Films, showtimes, seat maps and bookings. Get a token from POST /auth/token and send it as `Authorization: Bearer <token>`.",
    baseUrl: REST_PREFIX,
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
  });
}

export async function useOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  const document = JSON.stringify(openApiDocument());
  app.get("/openapi.json", async (_req, reply) => reply.type("application/json").send(document));

  const handle = createOpenApiNodeHttpHandler<typeof appRouter, RestRequest, NodeHTTPResponse>({
    router: appRouter,
    // The adapter hands over Fastify's own request (with node's methods added).
    createContext: async ({ req }) => {
      const credentials = readCredentials(req);
      let auth: Awaited<ReturnType<typeof validateSessionToken>> = {
        user: null,
        session: null,
      };
      if (credentials.kind === "bearer") {
        try {
          auth = await validateSessionToken(options.db, credentials.token, options.now());
        } catch (error) {
          const failure = fromDatabaseFailure(error);
          throw failure ? toTRPCError(failure) : error;
        }
      }
      return createContextInner({
        db: options.db,
        config: options.api,
        user: auth.user,
        session: auth.session,
        now: options.now,
        requestId: req.id,
        clientIp: req.ip,
        ...(options.seatMaps ? { seatMaps: options.seatMaps } : {}),
        // No cookies over REST: a call that would set one keeps its token to itself.
        transport: { setSession: () => undefined, clearSession: () => undefined },
      });
    },
    responseMeta: ({ errors }) => {
      for (const error of errors) {
        const retry = retryAfterOf(error.cause);
        if (retry !== null) return { headers: { "retry-after": String(retry) } };
      }
      return {};
    },
    onError: ({ error, path, req }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        req.log.error({ err: error.cause ?? error, path }, "procedure failed");
      }
    },
  });

  // trpc-to-openapi's own Fastify adapter sends through the reply without returning it, so
  // Fastify sent every answer a second time ("Reply was already sent"). Here the handler
  // writes into a plain answer and the route sends it once, returning the reply.
  app.route({
    method: ["GET", "POST", "PATCH", "PUT", "DELETE"],
    url: `${REST_PREFIX}/*`,
    handler: async (req, reply) => {
      const answer = await runHandler(handle, req, reply);
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    },
  });
}

/** Fastify's request with node's event methods added, as the handler reads it. */
type RestRequest = FastifyRequest & NodeHTTPRequest;

type RestAnswer = { status: number; headers: Record<string, string>; body: string };

/** Runs trpc-to-openapi's node handler against a response that only records the answer. */
async function runHandler(
  handle: (req: RestRequest, res: NodeHTTPResponse) => Promise<void>,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<RestAnswer> {
  const answer: RestAnswer = { status: 200, headers: {}, body: "" };
  const raw = reply.raw;
  const res = {
    get statusCode() {
      return answer.status;
    },
    set statusCode(status: number) {
      answer.status = status;
    },
    setHeader: (name: string, value: string | number | readonly string[]) => {
      answer.headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    end: (body?: string) => {
      answer.body = body ?? "";
    },
    // What the handler's abort signal listens to: the real response closing early.
    get writableEnded() {
      return raw.writableEnded;
    },
    once: raw.once.bind(raw),
    on: raw.on.bind(raw),
    off: raw.off.bind(raw),
    removeListener: raw.removeListener.bind(raw),
  };
  // The handler finds the procedure from the path below the prefix; the full URL is put
  // back afterwards for the hooks and logs that follow.
  const url = req.raw.url;
  req.raw.url = req.url.slice(REST_PREFIX.length);
  const node = Object.assign(req, {
    once: req.raw.once.bind(req.raw),
    on: req.raw.on.bind(req.raw),
    off: req.raw.off.bind(req.raw),
  });
  try {
    await handle(node as unknown as RestRequest, res as unknown as NodeHTTPResponse);
  } finally {
    req.raw.url = url;
  }
  answer.body = explainInvalidInput(answer);
  return answer;
}

/**
 * trpc-to-openapi answers every invalid input with "Input validation failed"; say which
 * fields and what is wrong with them, in the words the /trpc path uses.
 */
function explainInvalidInput(answer: RestAnswer): string {
  if (answer.status !== 400) return answer.body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return answer.body;
  }
  if (typeof parsed !== "object" || parsed === null) return answer.body;
  const issues = (parsed as { issues?: unknown }).issues;
  if (!Array.isArray(issues) || issues.length === 0) return answer.body;
  return JSON.stringify({ ...parsed, message: describeIssues(issues as ZodIssueLike[]) });
}

type ZodIssueLike = { path?: PropertyKey[]; message: string };
