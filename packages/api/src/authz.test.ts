// The authorization matrix: every procedure of the router x {anonymous, user, other user,
// admin} -> success or the expected tRPC code. A procedure missing from the table fails the
// suite, so new procedures must join it. Each cell gets fresh actors and fixtures.
import { randomUUID } from "node:crypto";
import { describeEachDatabase } from "@marquee/db/testing";
import { type PrismaClient } from "@marquee/db";
import { TRPCError } from "@trpc/server";
import { expect, it } from "vitest";
import { appRouter } from "./root";
import { procedureAt } from "./test/assertions";
import {
  callerFor,
  createHall,
  createMovie,
  createShowtimeOnSale,
  createUser,
  FAR_FUTURE,
  FIXTURE_PASSWORD,
  unique,
  type Actor,
} from "./test/factories";

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

export const matrix: Record<string, Row> = {
  health: { input: () => undefined, expect: everyone },
  "cinema.info": { input: () => undefined, expect: everyone },
  "auth.register": {
    input: () => ({
      email: `new-${randomUUID()}@example.com`,
      name: "New",
      password: "long-enough",
    }),
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
  // The catalogue: every cell gets fresh rows, so admin cells succeed.
  "movie.list": { input: () => ({}), expect: everyone },
  "movie.byId": { input: async ({ db }) => ({ id: (await createMovie(db)).id }), expect: everyone },
  "movie.create": {
    input: () => ({ title: unique("Created"), genres: ["Drama"], durationMinutes: 90 }),
    expect: adminOnly,
  },
  "movie.update": {
    input: async ({ db }) => ({ id: (await createMovie(db)).id, title: unique("Renamed") }),
    expect: adminOnly,
  },
  "movie.delete": {
    input: async ({ db }) => ({ id: (await createMovie(db)).id }),
    expect: adminOnly,
  },
  "hall.list": { input: () => undefined, expect: everyone },
  "hall.byId": { input: async ({ db }) => ({ id: (await createHall(db)).id }), expect: everyone },
  "hall.create": {
    input: () => ({ name: unique("New hall"), layout: ["SS_SS", "PP_PP"] }),
    expect: adminOnly,
  },
  "hall.update": {
    input: async ({ db }) => ({ id: (await createHall(db)).id, layout: ["SSS", "WCW"] }),
    expect: adminOnly,
  },
  "hall.delete": {
    input: async ({ db }) => ({ id: (await createHall(db)).id }),
    expect: adminOnly,
  },
  "showtime.list": { input: () => ({}), expect: everyone },
  "showtime.byId": {
    input: async ({ db }) => ({ id: (await onSale(db)).showtimeId }),
    expect: everyone,
  },
  // Added to the showtime router by the booking work; public like the rest of the listing.
  "showtime.seatMap": {
    input: async ({ db }) => ({ showtimeId: (await onSale(db)).showtimeId }),
    expect: everyone,
  },
  "showtime.create": {
    input: async ({ db }) => {
      const [movie, hall] = await Promise.all([createMovie(db), createHall(db)]);
      return {
        movieId: movie.id,
        hallId: hall.id,
        startsAt: FAR_FUTURE.toISOString(),
        prices: { STANDARD: 1200 },
      };
    },
    expect: adminOnly,
  },
  "showtime.update": {
    input: async ({ db }) => ({ id: (await onSale(db)).showtimeId, prices: { STANDARD: 1300 } }),
    expect: adminOnly,
  },
  "showtime.cancel": {
    input: async ({ db }) => ({ id: (await onSale(db)).showtimeId, reason: "Projector fault" }),
    expect: adminOnly,
  },
  "showtime.delete": {
    input: async ({ db }) => ({ id: (await onSale(db)).showtimeId }),
    expect: adminOnly,
  },
  "reservation.hold": { input: ({ db }) => onSale(db), expect: signedIn },
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

/** A fresh showtime on sale (its own hall, so nothing overlaps) and one of its seats. */
async function onSale(db: PrismaClient) {
  const { showtime, seatIds } = await createShowtimeOnSale(db);
  return { showtimeId: showtime.id, seatIds: seatIds.slice(0, 1) };
}

/** A hold that belongs to the fixture's "user". */
async function ownersHold(fx: Fixture) {
  return callerFor(fx.db, fx.owner).reservation.hold(await onSale(fx.db));
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
  let cell = 0;
  for (const [path, row] of Object.entries(matrix)) {
    for (const who of ["anonymous", "user", "otherUser", "admin"] as const) {
      const expected = row.expect[who];
      it(`${path} as ${who} -> ${expected}`, async () => {
        const db = getDb().prisma;
        const fx: Fixture = {
          db,
          owner: await createUser(db),
          other: await createUser(db),
          admin: await createUser(db, { role: "ADMIN" }),
        };
        const actor = { anonymous: null, user: fx.owner, otherUser: fx.other, admin: fx.admin }[
          who
        ];
        // Its own client address, so sign-in throttling never carries over between cells.
        const caller = callerFor(db, actor, { clientIp: `192.0.2.${(cell += 1) % 250}` });
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
