// One error type for domain failures, one table mapping them to tRPC codes.
import { TRPCError } from "@trpc/server";

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

export type AppErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: AppErrorDetails,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: APP_ERROR_CODES[error.code], message: error.message, cause: error });
}
