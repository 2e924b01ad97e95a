// REST for non-TypeScript clients (kiosks, partner sites, apps): the procedures that carry
// `.meta({ openapi })` are served under /api/v1 by trpc-to-openapi and described by an
// OpenAPI 3.1 document at /openapi.json, generated from the same zod schemas as the tRPC API.
// Bearer tokens only: a cookie never authenticates a REST call, so a browser on another
// origin cannot act with a signed-in guest's session.
import {
  appRouter,
  createContextInner,
  fromDatabaseFailure,
  retryAfterOf,
  toTRPCError,
  validateSessionToken,
  type ApiConfig,
  type SeatMapCache,
} from "@marquee/api";
import { type PrismaClient } from "@marquee/db";
import { type TRPCError } from "@trpc/server";
import { type FastifyInstance, type FastifyRequest } from "fastify";
import { fastifyTRPCOpenApiPlugin, generateOpenApiDocument } from "trpc-to-openapi";
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

  await app.register(async (scope) => {
    fastifyTRPCOpenApiPlugin(
      scope,
      {
        basePath: REST_PREFIX,
        router: appRouter,
        // The adapter hands over Fastify's own request (with node's methods added).
        createContext: async ({ req }: { req: FastifyRequest }) => {
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
        onError: ({
          error,
          path,
          req,
        }: {
          error: TRPCError;
          path?: string;
          req: FastifyRequest;
        }) => {
          if (error.code === "INTERNAL_SERVER_ERROR") {
            req.log.error({ err: error.cause ?? error, path }, "procedure failed");
          }
        },
      },
      () => undefined,
    );
  });
}
