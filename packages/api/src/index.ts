export { appRouter, createCaller, type AppRouter } from "./root";
export { apiConfigFrom } from "./config";
export {
  createContextInner,
  defaultApiConfig,
  type ApiConfig,
  type Context,
  type Role,
  type SessionInfo,
  type SessionTransport,
  type SessionUser,
} from "./context";
export {
  AppError,
  APP_ERROR_CODES,
  fromDatabaseFailure,
  retryAfterOf,
  toTRPCError,
  type AppErrorCode,
  type ErrorDetails,
  type ErrorReason,
  type ShowtimeRef,
} from "./errors";
export type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
export {
  generateSessionToken,
  sessionIdFromToken,
  validateSessionToken,
  type SessionValidation,
} from "./services/auth/session";
export { pruneAttempts } from "./services/auth/throttle";
export { createSession } from "./services/auth/session";
export { sweepExpiredHolds } from "./services/booking/sweep-expired-holds";
export { createSeatMapCache, type SeatMapCache } from "./services/booking/seat-map-cache";
/** The booking path's statements as Prisma.sql builders (the benchmark's floor runs them). */
export * as bookingSql from "./services/booking/sql";
export { sessionLookupSql } from "./services/auth/session";
export { createSharedCounters, type SharedCounters } from "./services/rate-limit/shared-counters";
