// Property-based fuzz over every procedure of the router (taken from appRouter itself, so a
// new procedure is fuzzed without anyone listing it): inputs derived from the procedure's own
// zod schema (test/fuzz-inputs.ts), called as a guest, a user and an admin. For every call:
// never a 5xx, never an internal detail in what the client sees, and a refused call leaves
// every table as it was. FUZZ_RUNS scales the runs per procedure (CI may raise it); a failure
// prints fast-check's seed and path, and FUZZ_SEED replays it.
import { getErrorShape, TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type PrismaClient } from "@marquee/db";
import { describeEachDatabase } from "@marquee/db/testing";
import { mustTravelAlone } from "@marquee/domain";
import { createContextInner } from "./context";
import { appRouter } from "./root";
import { procedureAt } from "./test/assertions";
import {
  callerFor,
  createReservation,
  createShowtimeOnSale,
  createUser,
  type Actor,
} from "./test/factories";
import { materialize, procedureInput, type Pools } from "./test/fuzz-inputs";
import { constraintNamesOf, leakIn } from "./test/leaks";

type Schema = Parameters<typeof procedureInput>[0];
type ProcedureDef = { type: string; inputs: unknown[] };

const RUNS = Number(process.env.FUZZ_RUNS ?? "") || 30;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

function definitionOf(path: string): ProcedureDef {
  const procedure: unknown = (appRouter._def.procedures as Record<string, unknown>)[path];
  return (procedure as { _def: ProcedureDef })._def;
}

/** The procedure's zod input (one per procedure here; none for input-less ones). */
function inputSchemaOf(path: string): Schema | undefined {
  const [schema] = definitionOf(path).inputs as Schema[];
  return schema;
}

const PATHS = Object.keys(appRouter._def.procedures).sort();

/**
 * A refused throttled call (the calls that must travel alone) records the attempt: counting
 * refusals is the point of the throttle.
 */
const THROTTLE_TABLES = new Set(["AuthAttempt"]);

type Stats = {
  calls: number;
  codes: Map<string, number>;
  fiveXx: number;
  refused: number;
  writesAfterRefusal: number;
};

/** What a client would receive for this error: the router's own error formatter applied. */
function clientShape(error: TRPCError, path: string, input: unknown, db: PrismaClient) {
  return getErrorShape({
    config: appRouter._def._config,
    error,
    type: definitionOf(path).type === "mutation" ? "mutation" : "query",
    path,
    input,
    ctx: createContextInner({ db }),
  });
}

async function tablesOf(db: PrismaClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
    ORDER BY tablename`;
  return rows.map((r) => r.tablename);
}

/** Count and an order-free content digest of every table, in one round trip: updates show too. */
async function snapshot(db: PrismaClient, tables: string[]): Promise<Record<string, string>> {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const sql = tables
    .map(
      (t) =>
        `SELECT '${t.replaceAll("'", "''")}' AS t, count(*)::int || ':' || ` +
        `coalesce(sum(hashtext(x::text)::bigint), 0) AS v FROM ${quote(t)} x`,
    )
    .join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<{ t: string; v: string }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.v]));
}

/** Ids of rows that exist now (newest first), for near-valid inputs to name. */
async function poolsOf(db: PrismaClient, actors: Actor[]): Promise<Pools> {
  const take = 20;
  const newest = { orderBy: { id: "desc" as const }, take, select: { id: true } };
  const [movies, halls, seats, showtimes, reservations, users] = await Promise.all([
    db.movie.findMany(newest),
    db.hall.findMany(newest),
    db.seat.findMany({ ...newest, orderBy: { id: "asc" } }),
    db.showtime.findMany(newest),
    db.reservation.findMany({ ...newest, select: { id: true, code: true } }),
    db.user.findMany({ ...newest, select: { id: true, email: true } }),
  ]);
  return {
    movie: movies.map((r) => r.id),
    hall: halls.map((r) => r.id),
    seat: seats.map((r) => r.id),
    showtime: showtimes.map((r) => r.id),
    reservation: reservations.map((r) => r.id),
    code: reservations.map((r) => r.code),
    user: [...actors.map((a) => a.id), ...users.map((r) => r.id)],
    email: [...actors.map((a) => a.email), ...users.map((r) => r.email)],
  };
}

/** A showtime on sale with a hold, a purchase and a cancelled booking: rows to aim at. */
async function seedScene(db: PrismaClient) {
  const { showtime, seatIds } = await createShowtimeOnSale(db);
  const owner = await createUser(db);
  const [a, b, c] = seatIds;
  if (!a || !b || !c) throw new Error("the scene's hall has too few seats");
  for (const [seat, status] of [
    [a, "HELD"],
    [b, "CONFIRMED"],
    [c, "CANCELLED"],
  ] as const) {
    await createReservation(db, { showtime, seatIds: [seat], status, user: owner });
  }
}

describeEachDatabase("fuzz: every procedure, hostile input, three roles", (getDb, provider) => {
  const stats: Stats = {
    calls: 0,
    codes: new Map(),
    fiveXx: 0,
    refused: 0,
    writesAfterRefusal: 0,
  };
  let tables: string[] = [];
  let constraints: string[] = [];
  let ip = 0;

  beforeAll(async () => {
    const db = getDb().prisma;
    tables = await tablesOf(db);
    constraints = await constraintNamesOf(db);
  });

  afterAll(() => {
    const codes = Object.fromEntries([...stats.codes].sort(([a], [b]) => a.localeCompare(b)));
    console.info(
      `[fuzz:${provider}] ${PATHS.length} procedures x ${RUNS} runs: ${stats.calls} calls, ` +
        `5xx=${stats.fiveXx}, refused=${stats.refused}, ` +
        `writes after refusal=${stats.writesAfterRefusal}, codes=${JSON.stringify(codes)}`,
    );
  });

  it("finds tables to watch and procedures to fuzz", () => {
    expect(tables).toEqual(expect.arrayContaining(["User", "Reservation", "AuthAttempt"]));
    expect(PATHS.length).toBeGreaterThan(30);
  });

  it.each(PATHS)("%s", { timeout: 300_000 }, async (path) => {
    const db = getDb().prisma;
    await seedScene(db);
    const router = path.includes(".") ? (path.split(".")[0] ?? "") : "";
    const input = procedureInput(inputSchemaOf(path), { router });
    let pools: Pools | null = null;
    // Actors live until a call succeeds at changing something (it may have signed them out,
    // demoted or deleted them); then the next run gets fresh ones.
    let actors: { user: Actor; admin: Actor } | null = null;

    const property = fc.asyncProperty(
      fc.constantFrom("guest", "user", "admin"),
      input,
      async (who, raw) => {
        if (!actors) {
          actors = { user: await createUser(db), admin: await createUser(db, { role: "ADMIN" }) };
          pools = null;
        }
        const { user, admin } = actors;
        // The actors first, so ids and e-mails often name them.
        pools ??= await poolsOf(db, [user, admin]);
        const value = materialize(raw, pools);
        const actor = { guest: null, user, admin }[who];
        // Each run its own client address, so throttling from earlier runs does not mask
        // the paths behind it.
        ip += 1;
        const caller = callerFor(db, actor, {
          clientIp: `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`,
        });

        const before = await snapshot(db, tables);
        const outcome = await procedureAt(
          caller,
          path,
        )(value).then(
          () => null,
          (error: unknown) => error,
        );
        stats.calls += 1;
        if (outcome === null) {
          stats.codes.set("ok", (stats.codes.get("ok") ?? 0) + 1);
          // Something changed: fresh actors and ids next time.
          if (definitionOf(path).type === "mutation") actors = null;
          return;
        }

        expect(outcome, "every refusal is a TRPCError").toBeInstanceOf(TRPCError);
        const error = outcome as TRPCError;
        stats.codes.set(error.code, (stats.codes.get(error.code) ?? 0) + 1);
        stats.refused += 1;
        const status = getHTTPStatusCodeFromError(error);
        if (status >= 500) {
          stats.fiveXx += 1;
          const cause = error.cause instanceof Error ? error.cause : error;
          throw new Error(
            `${path} answered ${error.code} (${status}): ${cause.stack ?? cause.message}`,
          );
        }

        const shape = clientShape(error, path, value, db);
        const leak = leakIn(JSON.stringify(shape), constraints);
        expect(leak, `what the client sees: ${JSON.stringify(shape).slice(0, 500)}`).toBeNull();

        const after = await snapshot(db, tables);
        const changed = tables.filter(
          (t) => before[t] !== after[t] && !(mustTravelAlone(path) && THROTTLE_TABLES.has(t)),
        );
        if (changed.length > 0) stats.writesAfterRefusal += 1;
        expect(changed, `tables written by a refused ${path} (${error.code})`).toEqual([]);
      },
    );
    await fc.assert(property, {
      numRuns: RUNS,
      ...(SEED === undefined ? {} : { seed: SEED }),
      // A shrink re-runs the call on a database that earlier runs changed: keep it bounded.
      interruptAfterTimeLimit: 240_000,
    });
  });
});
