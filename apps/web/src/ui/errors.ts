// Reading tRPC errors the way the API formats them (see packages/api/src/trpc.ts).
import type { ErrorDetails } from "@marquee/api";
import { TRPCClientError } from "@trpc/client";

export type ApiErrorInfo = {
  /** tRPC code, e.g. "UNAUTHORIZED", "CONFLICT", "BAD_REQUEST"; null for network failures. */
  code: string | null;
  message: string;
  /** Field name -> messages, from the API's zod errors. */
  fieldErrors: Record<string, string[]>;
  /** Form-level zod messages (issues not tied to a field). */
  formErrors: string[];
  /** Extra facts of a domain error, told apart by `reason` (e.g. SEATS_TAKEN with `seats`). */
  details: ErrorDetails | null;
  httpStatus: number | null;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Trusts the API for the shape of each reason (it is typed on both sides) but not for being
 * an object with a reason at all: a proxy's error page must not pass for details.
 */
function isErrorDetails(value: unknown): value is ErrorDetails {
  return isRecord(value) && typeof value.reason === "string";
}

function stringArrays(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!isRecord(value)) return out;
  for (const [key, messages] of Object.entries(value)) {
    if (Array.isArray(messages))
      out[key] = messages.filter((m): m is string => typeof m === "string");
  }
  return out;
}

export function errorInfo(error: unknown): ApiErrorInfo {
  const info: ApiErrorInfo = {
    code: null,
    message: "Something went wrong. Please try again.",
    fieldErrors: {},
    formErrors: [],
    details: null,
    httpStatus: null,
  };
  if (error instanceof TRPCClientError) {
    const data: unknown = (error as TRPCClientError<never>).data;
    if (isRecord(data)) {
      if (typeof data.code === "string") info.code = data.code;
      if (typeof data.httpStatus === "number") info.httpStatus = data.httpStatus;
      if (isErrorDetails(data.details)) info.details = data.details;
      if (isRecord(data.zodError)) {
        info.fieldErrors = stringArrays(data.zodError.fieldErrors);
        const formErrors = data.zodError.formErrors;
        if (Array.isArray(formErrors)) {
          info.formErrors = formErrors.filter((m): m is string => typeof m === "string");
        }
      }
    }
    if (info.code === "TOO_MANY_REQUESTS") {
      info.message = "Too many attempts. Please wait a few minutes and try again.";
    } else if (info.code === "INTERNAL_SERVER_ERROR" || info.code === null) {
      info.message =
        info.code === null
          ? "The box office is not answering. Check your connection and try again."
          : "Something went wrong on our side. Please try again.";
    } else if (error.message) {
      info.message = error.message;
    }
  } else if (error instanceof Error && error.message) {
    info.message = error.message;
  }
  return info;
}

/** Whether an error means "you are not signed in (any more)". */
export function isUnauthorized(error: unknown): boolean {
  return errorInfo(error).code === "UNAUTHORIZED";
}
