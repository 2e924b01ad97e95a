// The only place procedures are built from.
import { initTRPC, TRPCError } from "@trpc/server";
import { type OpenApiMeta } from "trpc-to-openapi";
import { z } from "zod";
import { type Context } from "./context";
import { AppError, describeIssues, fromDatabaseFailure, toTRPCError } from "./errors";

// OpenApiMeta: procedures with `.meta({ openapi })` are also served as REST under /api/v1.
const init = initTRPC.context<Context>().meta<OpenApiMeta>();

const t = init.create({
  // Live streams (showtime.seatMapChanges): a comment-sized ping keeps proxies from closing a
  // quiet stream, and a client that hears nothing for twice that long reconnects.
  sse: {
    ping: { enabled: true, intervalMs: 15_000 },
    client: { reconnectAfterInactivityMs: 35_000 },
  },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const zod = cause instanceof z.ZodError ? cause : null;
    const details = cause instanceof AppError ? (cause.details ?? null) : null;
    const message = zod ? describeIssues(zod.issues) : shape.message;
    return {
      ...shape,
      // Never leak internals: 500s get a generic message and no stack.
      message: error.code === "INTERNAL_SERVER_ERROR" ? "Internal server error" : message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        zodError: zod ? z.flattenError(zod) : null,
        details,
      },
    };
  },
});

/**
 * Turns domain errors into tRPC errors, and exhausted write-conflict retries, database overload
 * and a lost database into honest "try again" answers (409, or 503 with Retry-After) instead
 * of 500s.
 */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) throw toTRPCError(cause);
  const failure = fromDatabaseFailure(cause);
  if (failure) throw toTRPCError(failure);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(appErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.session) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to continue" });
  }
  return next({ ctx: { ...ctx, user: ctx.user, session: ctx.session } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "ADMIN") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only administrators may do this" });
  }
  return next();
});

/** Door staff and administrators: check-in and looking any booking up by code. */
export const staffProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "STAFF" && ctx.user.role !== "ADMIN") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only cinema staff may do this" });
  }
  return next();
});
