// The authorization matrix: every procedure of the router x {anonymous, user, other user,
// admin} -> success or the expected tRPC code. A procedure missing from the table fails the
// suite, so new procedures must join it. Each cell gets fresh actors and fixtures.
import { describeEachDatabase } from "@marquee/db/testing";
import { type PrismaClient } from "@marquee/db";
import { TRPCError } from "@trpc/server";
import { expect, it } from "vitest";
import { appRouter } from "./root";
import { procedureAt } from "./test/assertions";
import { callerFor, createActor, FIXTURE_PASSWORD, type Actor } from "./test/auth-fixtures";
import { createCinema } from "./test/booking-fixtures";
import { catalogMatrix } from "./test/catalog-fixtures";

type Who = "anonymous" | "user" | "otherUser" | "admin";
type Outcome = "ok" | TRPCError["code"];
/** Fixtures a cell may use: `owner` is the signed-in "user"; `other` a second plain user. */
type Fixture = { db: PrismaClient; owner: Actor; other: Actor; admin: Actor };
type Row = {
  input: (fx: Fixture) => unknown;
  expect: Record<Who, Outcome>;
};

const everyone: Record<Who, Outcome> = {
  anonymous: "ok",
  user: "ok",
  otherUser: "ok",
  admin: "ok",
};
const signedIn: Record<Who, Outcome> = { ...everyone, anonymous: "UNAUTHORIZED" };
const adminOnly: Record<Who, Outcome> = {
  anonymous: "UNAUTHORIZED",
  user: "FORBIDDEN",
  otherUser: "FORBIDDEN",
  admin: "ok",
};

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${(counter += 1)}`;

export const matrix: Record<string, Row> = {
  health: { input: () => undefined, expect: everyone },
  "cinema.info": { input: () => undefined, expect: everyone },
  "auth.register": {
    input: () => ({ email: `new-${unique()}@example.com`, name: "New", password: "long-enough" }),
    expect: everyone,
  },
  "auth.login": {
    input: ({ other }) => ({ email: other.email, password: FIXTURE_PASSWORD }),
    expect: everyone,
  },
  "auth.createToken": {
    input: ({ other }) => ({ email: other.email, password: FIXTURE_PASSWORD }),
    expect: everyone,
  },
  "auth.logout": { input: () => undefined, expect: everyone },
  "auth.me": { input: () => undefined, expect: everyone },
  "auth.changePassword": {
    input: () => ({ currentPassword: FIXTURE_PASSWORD, newPassword: "another-long-one" }),
    expect: signedIn,
  },
  "user.list": { input: () => ({}), expect: adminOnly },
  "user.setRole": {
    input: ({ other }) => ({ userId: other.id, role: "ADMIN" }),
    expect: adminOnly,
  },
  "user.delete": { input: ({ other }) => ({ userId: other.id }), expect: adminOnly },
  ...catalogMatrix,
  "reservation.hold": {
    input: async ({ db }) => {
      const cinema = await createCinema(db);
      const show = await cinema.showtime(new Date(Date.now() + 48 * 3_600_000));
      return { showtimeId: show.id, seatIds: [cinema.seat("A1")] };
    },
    expect: signedIn,
  },
  // The owner's own hold: only they may confirm it; others are told it does not exist.
  "reservation.confirm": {
    input: async (fx) => ({ reservationId: (await ownersHold(fx)).id }),
    expect: { anonymous: "UNAUTHORIZED", user: "ok", otherUser: "NOT_FOUND", admin: "NOT_FOUND" },
  },
  "reservation.cancel": {
    input: async (fx) => ({ reservationId: (await ownersHold(fx)).id }),
    expect: { anonymous: "UNAUTHORIZED", user: "ok", otherUser: "NOT_FOUND", admin: "ok" },
  },
  "reservation.byCode": {
    input: async (fx) => ({ code: (await ownersHold(fx)).code }),
    expect: { anonymous: "UNAUTHORIZED", user: "ok", otherUser: "NOT_FOUND", admin: "ok" },
  },
  "reservation.mine": { input: () => ({}), expect: signedIn },
  "reservation.list": { input: () => ({}), expect: adminOnly },
  "report.summary": { input: () => ({ from: "2030-01-01", to: "2030-01-31" }), expect: adminOnly },
};

/** A hold that belongs to the fixture's "user". */
async function ownersHold(fx: Fixture) {
  const cinema = await createCinema(fx.db);
  const show = await cinema.showtime(new Date(Date.now() + 48 * 3_600_000));
  const caller = await callerFor(fx.db, fx.owner);
  return caller.reservation.hold({ showtimeId: show.id, seatIds: [cinema.seat("A1")] });
}

/** Row counts of everything a procedure could write (not the throttling counters). */
async function snapshot(db: PrismaClient) {
  const [users, sessions, movies, halls, seats, showtimes, reservations, live] = await Promise.all([
    db.user.count(),
    db.session.count(),
    db.movie.count(),
    db.hall.count(),
    db.seat.count(),
    db.showtime.count({ where: { status: "SCHEDULED" } }),
    db.reservation.groupBy({ by: ["status"], _count: true, orderBy: { status: "asc" } }),
    db.reservationSeat.count({ where: { live: true } }),
  ]);
  return { users, sessions, movies, halls, seats, showtimes, reservations, live };
}

it("covers every procedure of the router", () => {
  expect(Object.keys(matrix).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
});

describeEachDatabase("authorization matrix", (getDb) => {
  for (const [path, row] of Object.entries(matrix)) {
    for (const who of ["anonymous", "user", "otherUser", "admin"] as const) {
      const expected = row.expect[who];
      it(`${path} as ${who} -> ${expected}`, async () => {
        const db = getDb().prisma;
        const fx: Fixture = {
          db,
          owner: await createActor(db, "USER"),
          other: await createActor(db, "USER"),
          admin: await createActor(db, "ADMIN"),
        };
        const actor = { anonymous: null, user: fx.owner, otherUser: fx.other, admin: fx.admin }[
          who
        ];
        const caller = await callerFor(db, actor, { clientIp: `192.0.2.${counter % 250}` });
        const input = await row.input(fx);
        const before = await snapshot(db);
        const outcome = await procedureAt(
          caller,
          path,
        )(input).then(
          () => "ok",
          (error: unknown) =>
            error instanceof TRPCError ? error.code : `unexpected ${String(error)}`,
        );
        expect(outcome).toBe(expected);
        // A refused call writes nothing.
        if (expected !== "ok") expect(await snapshot(db)).toEqual(before);
      });
    }
  }
});
