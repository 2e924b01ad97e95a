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
  describeIssues,
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
export { tidy, RETENTION, type TidyCounts } from "./services/housekeeping/tidy";
export { createSession } from "./services/auth/session";
export { sweepExpiredHolds } from "./services/booking/sweep-expired-holds";
export { countReservations } from "./services/booking/count-reservations";
export { createSeatMapCache, type SeatMapCache } from "./services/booking/seat-map-cache";
export { createLiveSeatMaps, seatMapBytes } from "./services/booking/seat-map";
export { type SeatMapBytes } from "./services/booking/seat-map-bytes";
export { ZSeatMapInput } from "./routers/showtime";
export { type SeatMapFeed } from "./services/booking/seat-map-feed";
export { type SeatMapEvent } from "./services/booking/seat-map-changes";
export { openSeatMapSse, sseFrame, type SeatMapSseViewer } from "./services/booking/seat-map-sse";
/** The booking path's statements as Prisma.sql builders (the benchmark's floor runs them). */
export * as bookingSql from "./services/booking/sql";
export { sessionLookupSql } from "./services/auth/session";
export {
  createSessionCache,
  uncachedSessions,
  type SessionCache,
} from "./services/auth/session-cache";
export { createSharedCounters, type SharedCounters } from "./services/rate-limit/shared-counters";
export {
  createOutboxWorker,
  pendingMails,
  type OutboxWorker,
  type OutboxWorkerOptions,
} from "./services/mail/worker";
export { smtpTransport, type MailTransport, type OutgoingMail } from "./services/mail/transport";
