// One error type for domain failures, one table mapping them to tRPC codes, and one union
// of the machine-readable details a client may act on (exported with the router).
import { type CheckInRefusalReason } from "@marquee/domain";
import { TRPCError } from "@trpc/server";
import { isDatabaseBusy, isDatabaseUnavailable, isRetryableConflict } from "./services/db-errors";

export const APP_ERROR_CODES = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  INVALID_CREDENTIALS: "UNAUTHORIZED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  EXPIRED: "PRECONDITION_FAILED",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
} as const satisfies Record<string, TRPCError["code"]>;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

/** A showtime named in an error: one that overlaps, or one whose bookings block a change. */
export type ShowtimeRef = {
  id: string;
  title: string;
  startsAt: string;
  busyUntil?: string;
  hall?: string;
  liveReservations?: number;
};

/**
 * What `error.data.details` holds, told apart by `reason`. `seats` are seat labels ("A4")
 * everywhere; `field` names the input field an error belongs to, where there is one.
 */
export type ErrorDetails =
  /** Someone else holds or bought these seats. */
  | { reason: "SEATS_TAKEN"; seats: string[]; field?: undefined }
  /** The hold ran out and these seats were taken meanwhile. */
  | { reason: "HOLD_EXPIRED"; seats: string[]; field?: undefined }
  /** An input field is wrong in a way its schema could not see (a past start, a bad cursor). */
  | { reason: "INVALID_FIELD"; field: string; seatIds?: string[] }
  /** An id in this field names nothing (or something deleted meanwhile). */
  | { reason: "UNKNOWN_ID"; field: string }
  /** The hall is busy then: these showtimes are in the way. */
  | { reason: "SCHEDULE_CONFLICT"; field: "startsAt"; showtimes: ShowtimeRef[] }
  /** Live or recorded reservations block the change: these showtimes hold them. */
  | {
      reason: "HAS_RESERVATIONS";
      showtimes: ShowtimeRef[];
      reservations?: number;
      field?: undefined;
    }
  /** A layout change would drop seats that reservations point at. */
  | { reason: "SEATS_ON_RECORD"; field: "layout"; seats: string[] }
  /** The account already has (or would have) more seats for the showtime than allowed. */
  | { reason: "SEAT_LIMIT"; field: "seatIds"; max: number; alreadyHeld: number }
  /** A name that must be unique is taken. */
  | { reason: "DUPLICATE"; field: string }
  /** Too many attempts, or too busy: try again after this many seconds. */
  | { reason: "RATE_LIMITED" | "BUSY"; retryAfterSeconds: number; field?: undefined }
  | CheckInRefusal;

/**
 * Why the door refused a booking (ticket.checkIn: ALREADY_CHECKED_IN with checkedInAt,
 * BOOKING_CANCELLED, SHOWTIME_CANCELLED, NOT_CONFIRMED for holds, OTHER_DAY, NOT_YET_OPEN,
 * SHOWTIME_ENDED; the rule is @marquee/domain's checkInRefusal), or why an admission cannot be
 * undone (NOT_CHECKED_IN).
 */
export type CheckInRefusal =
  (CheckInRefusalReason & { field?: undefined }) | { reason: "NOT_CHECKED_IN"; field?: undefined };

export type ErrorReason = ErrorDetails["reason"];

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/**
 * Invalid input in plain words, one "field: problem" per issue ("email: Enter a valid e-mail
 * address; name: Enter your name"): zod's own message is a JSON dump of its issues (regexes
 * included). The message of every validation error, over /trpc and over REST.
 */
export function describeIssues(
  issues: readonly { path?: readonly PropertyKey[]; message: string }[],
): string {
  return issues
    .map((i) => (i.path?.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message))
    .join("; ");
}

/** The usual INVALID error for one field. */
export const invalidField = (field: string, message: string) =>
  new AppError("INVALID", message, { reason: "INVALID_FIELD", field });

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: APP_ERROR_CODES[error.code], message: error.message, cause: error });
}

/** Seconds a client should wait before retrying, when the error says so. */
export function retryAfterOf(error: unknown): number | null {
  if (!(error instanceof AppError) || !error.details) return null;
  return "retryAfterSeconds" in error.details ? error.details.retryAfterSeconds : null;
}

/** Seconds to suggest when the pool is saturated: requests drain within a few. */
const BUSY_RETRY_SECONDS = 2;
/** Seconds to suggest when the database dropped or refused connections: it may be restarting. */
const UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * The honest answer to a database failure that is no one's mistake: a write conflict retries
 * could not settle (CONFLICT), overload or a lost database (UNAVAILABLE, with Retry-After).
 * Null for anything else, which stays a 500. Used by the procedures and by the host's context
 * (the session lookup runs before any procedure).
 */
export function fromDatabaseFailure(error: unknown): AppError | null {
  if (isRetryableConflict(error)) {
    return new AppError(
      "CONFLICT",
      "Too many people are booking these seats right now; please try again",
    );
  }
  if (isDatabaseBusy(error)) {
    return new AppError(
      "UNAVAILABLE",
      "The box office is very busy; please try again in a moment",
      { reason: "BUSY", retryAfterSeconds: BUSY_RETRY_SECONDS },
    );
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError(
      "UNAVAILABLE",
      "The box office is briefly unavailable; please try again in a moment",
      { reason: "BUSY", retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS },
    );
  }
  return null;
}
