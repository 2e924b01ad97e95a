// A database that is saturated or gone is a 503 with Retry-After, never a 500: what the errors
// look like (shapes captured from Prisma 7 + @prisma/adapter-pg 7.10 + pg 8), and the pool
// running out for real on PostgreSQL (set TEST_DATABASE_URL; CI does).
import { createDb, type Database, PoolQueueFullError } from "@marquee/db";
import { createTestDb, type TestDatabase } from "@marquee/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, fromDatabaseFailure, retryAfterOf } from "./errors";
import { isDatabaseBusy, isDatabaseUnavailable } from "./services/db-errors";
import { callerFor, createShowtimeOnSale } from "./test/factories";

/** An error shaped like Prisma's, wrapping an adapter error (as PrismaClientKnownRequestError). */
function prismaError(code: string, cause: Record<string, unknown>) {
  const error = new Error(`Invalid invocation: ${code}`);
  const driverAdapterError = Object.assign(new Error(String(cause.kind)), { cause });
  return Object.assign(error, { code, meta: { driverAdapterError } });
}

function socketError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), {
    code,
    syscall: "connect",
    errno: -1,
  });
}

describe("recognising a lost or saturated database", () => {
  const lost: [string, unknown][] = [
    [
      "pg_terminate_backend during a query (P2010 / 57P01)",
      prismaError("P2010", { kind: "postgres", code: "57P01", originalCode: "57P01" }),
    ],
    ["the server restarting (57P03)", prismaError("P2010", { kind: "postgres", code: "57P03" })],
    ["connection failure (08006)", prismaError("P2010", { kind: "postgres", code: "08006" })],
    ["cannot reach (P1001)", prismaError("P1001", { kind: "DatabaseNotReachable" })],
    ["server closed the connection (P1017)", prismaError("P1017", { kind: "ConnectionClosed" })],
    ["a raw query, unreachable", prismaError("P2010", { kind: "DatabaseNotReachable" })],
    ["pg: dead socket", new Error("Connection terminated unexpectedly")],
    [
      "pg: a client used after it died",
      new Error("Client has encountered a connection error and is not queryable"),
    ],
    ["Node: refused", socketError("ECONNREFUSED")],
    ["Node: reset", socketError("ECONNRESET")],
  ];
  const busy: [string, unknown][] = [
    ["pg-pool: no connection in time", new Error("timeout exceeded when trying to connect")],
    ["our bounded queue is full", new PoolQueueFullError(40)],
    ["Prisma: pool timeout (P2024)", prismaError("P2024", { kind: "unknown" })],
    [
      "PostgreSQL: out of connection slots (53300)",
      prismaError("P2037", { kind: "TooManyConnections", originalCode: "53300" }),
    ],
  ];
  const neither: [string, unknown][] = [
    ["a unique violation", prismaError("P2002", { kind: "UniqueConstraintViolation" })],
    ["a syntax error", prismaError("P2010", { kind: "postgres", code: "42601" })],
    ["a bug", new TypeError("Cannot read properties of undefined")],
    ["not an error", "Connection terminated unexpectedly"],
  ];

  it.each(lost)("%s is 'unavailable' and a 503 with Retry-After", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const answer = fromDatabaseFailure(error);
    expect(answer?.code).toBe("UNAVAILABLE");
    expect(retryAfterOf(answer)).toBeGreaterThan(0);
  });

  it.each(busy)("%s is 'busy' and a 503 with Retry-After", (_name, error) => {
    expect(isDatabaseBusy(error)).toBe(true);
    const answer = fromDatabaseFailure(error);
    expect(answer?.code).toBe("UNAVAILABLE");
    expect(retryAfterOf(answer)).toBeGreaterThan(0);
  });

  it.each(neither)("%s is neither (a real answer, or a 500)", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseBusy(error)).toBe(false);
    expect(fromDatabaseFailure(error)).toBeNull();
  });
});

const enabled = Boolean(process.env.TEST_DATABASE_URL);

describe.runIf(enabled)("a pool with no connection to spare [postgresql]", () => {
  let db: TestDatabase;
  let showtimeId: string;
  const opened: Database[] = [];
  beforeAll(async () => {
    db = await createTestDb("postgresql");
    showtimeId = (await createShowtimeOnSale(db.prisma)).showtime.id;
  }, 120_000);
  afterAll(async () => {
    for (const other of opened) await other.close();
    await db.close();
  });

  /** A second handle on the test database with a one-connection pool, that connection busy. */
  async function exhaustedPool(options: { maxWaiting: number; connectionTimeoutMillis: number }) {
    const tiny = await createDb(db.url, { poolSize: 1, ...options });
    opened.push(tiny);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = () => {};
    const holding = new Promise<void>((resolve) => (started = resolve));
    const transaction = tiny.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        started();
        await gate;
      },
      { timeout: 120_000 },
    );
    await holding;
    return { tiny, free: () => (release(), transaction) };
  }

  async function refusal(call: Promise<unknown>): Promise<TRPCError> {
    const error = await call.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof TRPCError))
      throw new Error(`expected a TRPCError, got ${String(error)}`);
    return error;
  }

  it("waiting out the connection timeout answers 503 BUSY with Retry-After, not 500", async () => {
    const { tiny, free } = await exhaustedPool({ maxWaiting: 10, connectionTimeoutMillis: 300 });
    const anonymous = callerFor(tiny.prisma, null);
    const error = await refusal(anonymous.showtime.seatMap({ showtimeId }));
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(error.cause).toBeInstanceOf(AppError);
    expect((error.cause as AppError).details).toMatchObject({ reason: "BUSY" });
    expect(retryAfterOf(error.cause)).toBeGreaterThan(0);
    await free();
    // The pool is fine once the connection is back.
    await expect(anonymous.showtime.seatMap({ showtimeId })).resolves.toBeTruthy();
  });

  it("a full wait queue answers 503 BUSY at once, long before any connection timeout", async () => {
    // Two minutes of connection timeout against the test's 30 s: only the bounded queue can
    // answer in time.
    const { tiny, free } = await exhaustedPool({ maxWaiting: 0, connectionTimeoutMillis: 120_000 });
    const error = await refusal(callerFor(tiny.prisma, null).showtime.seatMap({ showtimeId }));
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(retryAfterOf(error.cause)).toBeGreaterThan(0);
    await free();
  });
});
