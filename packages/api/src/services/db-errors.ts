// Recognising PostgreSQL errors behind Prisma 7's driver adapters. The SQLSTATE sits in
// different places depending on the adapter and the query kind (PrismaClientKnownRequestError
// P2039/P2002 with meta.driverAdapterError.cause.originalCode on both PGlite and pg, raw
// queries wrap it differently), so walk the whole chain instead of trusting one shape.

import { POOL_QUEUE_FULL } from "@marquee/db";

const MAX_DEPTH = 6;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function collect(error: unknown, depth = 0, out: Record<string, unknown>[] = []) {
  if (!isRecord(error) || depth > MAX_DEPTH || out.includes(error)) return out;
  out.push(error);
  collect(error.cause, depth + 1, out);
  if (isRecord(error.meta)) {
    collect(error.meta, depth + 1, out);
    collect(error.meta.driverAdapterError, depth + 1, out);
  }
  return out;
}

/** True when the error (or anything it wraps) is the given SQLSTATE, or names the constraint. */
export function isDatabaseError(
  error: unknown,
  { sqlState, constraint }: { sqlState: string; constraint?: string },
): boolean {
  return collect(error).some((node) => {
    if (node.code === sqlState || node.originalCode === sqlState) return true;
    if (!constraint) return false;
    const text = [node.message, node.originalMessage].filter((m) => typeof m === "string");
    return text.some((m) => m.includes(`"${constraint}"`));
  });
}

/** The showtime exclusion constraint: two scheduled showtimes of a hall overlap. */
export const isShowtimeOverlap = (error: unknown) =>
  isDatabaseError(error, { sqlState: "23P01", constraint: "Showtime_no_overlap" });

/** A unique constraint (P2002 in Prisma, 23505 in PostgreSQL). */
export const isUniqueViolation = (error: unknown) =>
  isDatabaseError(error, { sqlState: "23505" }) || (isRecord(error) && error.code === "P2002");

/** A foreign key violation: the referenced row was deleted meanwhile (23503, Prisma P2003). */
export const isForeignKeyViolation = (error: unknown) =>
  isDatabaseError(error, { sqlState: "23503" }) || (isRecord(error) && error.code === "P2003");

/** The row an update or delete named does not exist (Prisma P2025). */
export const isRecordNotFound = (error: unknown) => isRecord(error) && error.code === "P2025";

/** True when anything in the error chain carries this Prisma code or adapter error kind. */
function hasKind(error: unknown, kind: string): boolean {
  return collect(error).some((node) => node.kind === kind || node.code === kind);
}

/** A serialization failure or deadlock victim: the failures a retry can fix. */
export function isRetryableConflict(error: unknown): boolean {
  return (
    isDatabaseError(error, { sqlState: "40001" }) ||
    isDatabaseError(error, { sqlState: "40P01" }) ||
    hasKind(error, "P2034") ||
    hasKind(error, "TransactionWriteConflict")
  );
}

/** True when anything in the error chain has a message containing one of these texts. */
function hasMessage(error: unknown, texts: readonly string[]): boolean {
  return collect(error).some((node) =>
    [node.message, node.originalMessage].some(
      (m) => typeof m === "string" && texts.some((t) => m.includes(t)),
    ),
  );
}

/**
 * No connection or transaction slot in time: Prisma's P2024 pool timeout and P2028, pg-pool's
 * own timeout (a plain Error the adapter passes through untouched), our bounded wait queue
 * refusing at once, and PostgreSQL out of connection slots (53300).
 */
export function isDatabaseBusy(error: unknown): boolean {
  return (
    hasKind(error, "P2024") ||
    hasKind(error, "P2028") ||
    hasKind(error, POOL_QUEUE_FULL) ||
    hasKind(error, "TooManyConnections") ||
    isDatabaseError(error, { sqlState: "53300" }) ||
    hasMessage(error, ["timeout exceeded when trying to connect"])
  );
}

/** SQLSTATEs of a connection the server closed or cannot open right now. */
const CONNECTION_LOST_STATES = [
  "57P01", // admin_shutdown: pg_terminate_backend, or a fast shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or in recovery
  "08000", // connection_exception
  "08003", // connection_does_not_exist
  "08006", // connection_failure
] as const;

/** What pg, Node and the adapter say when a connection is gone (plain errors, no SQLSTATE). */
const CONNECTION_LOST_MESSAGES = [
  "Connection terminated unexpectedly",
  "Connection terminated due to connection timeout",
  "Client has encountered a connection error",
] as const;

/**
 * The database is unreachable or dropped the connection: a transient outage, not a bug. Prisma
 * says P1001 (cannot reach) or P1017 (server closed the connection); @prisma/adapter-pg names
 * socket failures by kind; pg's own errors are plain messages or Node socket codes.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return (
    CONNECTION_LOST_STATES.some((sqlState) => isDatabaseError(error, { sqlState })) ||
    ["P1001", "P1002", "P1017"].some((code) => hasKind(error, code)) ||
    ["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"].some((k) => hasKind(error, k)) ||
    ["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE"].some((code) => hasKind(error, code)) ||
    hasMessage(error, CONNECTION_LOST_MESSAGES)
  );
}
