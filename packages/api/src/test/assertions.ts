// Shared test assertions for procedure calls.
import { TRPCError } from "@trpc/server";

/** Resolves to the TRPCError a call was rejected with (fails the test when it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => new Error("expected the call to be rejected, but it resolved"),
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw error;
  return error;
}

/** Zod issues of an input error, keyed by their full path ("layout.2", "prices"). */
export function fieldErrors(error: TRPCError): Record<string, string[]> {
  const cause = error.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined;
  const out: Record<string, string[]> = {};
  for (const issue of cause?.issues ?? []) {
    (out[issue.path.map(String).join(".")] ??= []).push(issue.message);
  }
  return out;
}

/** Details of an AppError that became a TRPCError (what clients get in error.data.details). */
export function details(error: TRPCError): Record<string, unknown> {
  const cause = error.cause as { details?: Record<string, unknown> } | undefined;
  return cause?.details ?? {};
}

/** The procedure at a dotted path ("reservation.hold") of a caller. */
export function procedureAt(caller: object, path: string): (input: unknown) => Promise<unknown> {
  let target: unknown = caller;
  for (const key of path.split(".")) target = (target as Record<string, unknown>)[key];
  return target as (input: unknown) => Promise<unknown>;
}
