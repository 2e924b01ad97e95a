// The authorization matrix: every procedure of the router x {anonymous, user, other user,
// staff, admin} -> success or the expected tRPC code (staff, where a row does not say,
// fares as the other user: a role that only adds the door's procedures). A procedure missing from the table fails the
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
  createCinema,
  createMovie,
  createReservation,
  createShowtimeOnSale,
  createUser,
  FAR_FUTURE,
  FIXTURE_PASSWORD,
  unique,
  type Actor,
} from "./test/factories";

type Who = "anonymous" | "user" | "otherUser" | "admin";
const EVERYONE = ["anonymous", "user", "otherUser", "staff", "admin"] as const;
type Outcome = "ok" | TRPCError["code"];
/** Fixtures a cell may use: `owner` is the signed-in "user"; `other` a second plain user. */
type Fixture = { db: PrismaClient; owner: Actor; other: Actor; staff: Actor; admin: Actor };
type Row = {
  input: (fx: Fixture) => unknown;
  expect: Record<Who, Outcome> & { staff?: Outcome };
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
  "auth.requestPasswordReset": {
    input: ({ other }) => ({ email: other.email }),
    expect: everyone,
  },
  // A made-up token: everyone may try, nobody gets in.
  "auth.resetPassword": {
    input: () => ({ token: "a".repeat(32), password: "another-long-one" }),
    expect: {
      anonymous: "BAD_REQUEST",
      user: "BAD_REQUEST",
      otherUser: "BAD_REQUEST",
      admin: "BAD_REQUEST",
    },
  },
  "auth.updateProfile": {
    input: () => ({
      name: "Renamed",
      email: `${unique("moved").replace(/\W/g, "")}@example.com`,
      currentPassword: FIXTURE_PASSWORD,
    }),
    expect: signedIn,
  },
  "auth.deleteAccount": { input: () => ({ password: FIXTURE_PASSWORD }), expect: signedIn },
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
  // A subscription: public; signed-in viewers also see their own seats as MINE.
  "showtime.seatMapChanges": {
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
  // The schedule form's live overlap warning: admins only, like scheduling itself.
  "showtime.overlaps": {
    input: async ({ db }) => {
      const [movie, hall] = await Promise.all([createMovie(db), createHall(db)]);
      return { hallId: hall.id, movieId: movie.id, startsAt: FAR_FUTURE.toISOString() };
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
    expect: {
      anonymous: "UNAUTHORIZED",
      user: "ok",
      otherUser: "NOT_FOUND",
      staff: "ok",
      admin: "ok",
    },
  },
  "ticket.checkIn": {
    input: async (fx) => ({ code: (await ownersTicketAtTheDoor(fx)).code }),
    expect: { ...adminOnly, staff: "ok" },
  },
  "ticket.undoCheckIn": {
    input: async (fx) => ({
      code: (await ownersTicketAtTheDoor(fx, { checkedInAt: new Date() })).code,
    }),
    expect: adminOnly,
  },
  "reservation.mine": { input: () => ({}), expect: signedIn },
  "reservation.list": { input: () => ({}), expect: adminOnly },
  "outbox.list": { input: () => ({}), expect: adminOnly },
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

/** The owner's confirmed booking of a showtime starting in 30 minutes: the door is open. */
async function ownersTicketAtTheDoor(fx: Fixture, options: { checkedInAt?: Date } = {}) {
  const cinema = await createCinema(fx.db);
  const showtime = await cinema.showtime(new Date(Date.now() + 30 * 60_000));
  const booking = await createReservation(fx.db, {
    showtime,
    seatIds: [cinema.seat("A1")],
    status: "CONFIRMED",
    user: fx.owner,
  });
  if (options.checkedInAt) {
    await fx.db.reservation.update({
      where: { id: booking.id },
      data: { checkedInAt: options.checkedInAt },
    });
  }
  return booking;
}

/** Row counts of everything a procedure could write (not the throttling counters). */
async function snapshot(db: PrismaClient) {
  const [users, sessions, movies, halls, seats, showtimes, reservations, live, admitted] =
    await Promise.all([
      db.user.count(),
      db.session.count(),
      db.movie.count(),
      db.hall.count(),
      db.seat.count(),
      db.showtime.count({ where: { status: "SCHEDULED" } }),
      db.reservation.groupBy({ by: ["status"], _count: true, orderBy: { status: "asc" } }),
      db.reservationSeat.count({ where: { live: true } }),
      db.reservation.count({ where: { checkedInAt: { not: null } } }),
    ]);
  return { users, sessions, movies, halls, seats, showtimes, reservations, live, admitted };
}

it("covers every procedure of the router", () => {
  expect(Object.keys(matrix).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
});

describeEachDatabase("authorization matrix", (getDb) => {
  let cell = 0;
  for (const [path, row] of Object.entries(matrix)) {
    for (const who of EVERYONE) {
      const expected =
        who === "staff" ? (row.expect.staff ?? row.expect.otherUser) : row.expect[who];
      it(`${path} as ${who} -> ${expected}`, async () => {
        const db = getDb().prisma;
        const fx: Fixture = {
          db,
          owner: await createUser(db),
          other: await createUser(db),
          staff: await createUser(db, { role: "STAFF" }),
          admin: await createUser(db, { role: "ADMIN" }),
        };
        const actor = {
          anonymous: null,
          user: fx.owner,
          otherUser: fx.other,
          staff: fx.staff,
          admin: fx.admin,
        }[who];
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
