// Test helpers for the catalogue: rows inserted with Prisma directly (so a test can set up
// any state, reservations included), callers per role, and the catalogue's rows of the
// authorization matrix.
import { randomUUID } from "node:crypto";
import { type PrismaClient, type ReservationStatus, type ShowtimeStatus } from "@marquee/db";
import { seatsFromLayout } from "@marquee/domain";
import { type TRPCError } from "@trpc/server";
import { createContextInner, type ApiConfig, type Role, type SessionUser } from "../context";
import { createCaller } from "../root";

export { details, fieldErrors, rejection } from "./assertions";

let counter = 0;
/** A name no other test in the file uses. */
export const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}-${(counter += 1)}`;

/** Far enough ahead that a real clock still sees it as the future. */
export const FAR_FUTURE = new Date("2031-01-06T10:00:00.000Z");

export async function makeUser(db: PrismaClient, role: Role = "USER"): Promise<SessionUser> {
  const email = `${role.toLowerCase()}-${randomUUID()}@catalog.test`;
  const user = await db.user.create({
    data: { email, name: `${role} tester`, role, passwordHash: "not-a-real-hash" },
    select: { id: true, email: true, name: true },
  });
  return { ...user, role };
}

export type CallerOptions = { now?: Date; config?: Partial<ApiConfig> };

/** A caller for the given user (a row that exists), or anonymous for null. */
export function callerAs(db: PrismaClient, user: SessionUser | null, options: CallerOptions = {}) {
  const now = options.now ?? new Date();
  return createCaller(
    createContextInner({
      db,
      user,
      session: user
        ? { id: `session-${user.id}`, expiresAt: new Date(now.getTime() + 3600e3) }
        : null,
      now: () => now,
      ...(options.config ? { config: options.config } : {}),
    }),
  );
}

export async function makeMovie(
  db: PrismaClient,
  data: { title?: string; durationMinutes?: number; genres?: string[] } = {},
) {
  return db.movie.create({
    data: {
      title: data.title ?? unique("Movie"),
      durationMinutes: data.durationMinutes ?? 100,
      genres: data.genres ?? ["drama"],
    },
  });
}

export async function makeHall(db: PrismaClient, layout = ["SSPP", "WC_S"], name?: string) {
  return db.hall.create({
    data: {
      name: name ?? unique("Hall"),
      layout,
      seats: {
        createMany: {
          data: seatsFromLayout(layout).map(({ row, number, kind, x, y }) => ({
            row,
            number,
            kind,
            x,
            y,
          })),
        },
      },
    },
    include: { seats: { orderBy: [{ y: "asc" }, { x: "asc" }] } },
  });
}

/** A showtime inserted directly (no past-start check), times derived like the service. */
export async function makeShowtime(
  db: PrismaClient,
  input: {
    movieId: string;
    hallId: string;
    startsAt: Date;
    durationMinutes?: number;
    cleaningMinutes?: number;
    status?: ShowtimeStatus;
  },
) {
  const movie = await db.movie.findUniqueOrThrow({ where: { id: input.movieId } });
  const endsAt = new Date(
    input.startsAt.getTime() + (input.durationMinutes ?? movie.durationMinutes) * 60_000,
  );
  return db.showtime.create({
    data: {
      movieId: input.movieId,
      hallId: input.hallId,
      startsAt: input.startsAt,
      endsAt,
      busyUntil: new Date(endsAt.getTime() + (input.cleaningMinutes ?? 15) * 60_000),
      priceStandard: 1000,
      pricePremium: 1500,
      priceWheelchair: 1000,
      priceCompanion: 1000,
      status: input.status ?? "SCHEDULED",
    },
  });
}

/** A reservation with its seats, as the booking code will write it. */
export async function makeReservation(
  db: PrismaClient,
  input: {
    showtimeId: string;
    hallId: string;
    seatIds: string[];
    status: ReservationStatus;
    userId?: string | null;
    price?: number;
  },
) {
  const price = input.price ?? 1000;
  const live = input.status === "HELD" || input.status === "CONFIRMED";
  return db.reservation.create({
    data: {
      code: randomUUID().slice(0, 9).toUpperCase(),
      userId: input.userId ?? null,
      showtimeId: input.showtimeId,
      status: input.status,
      holdExpiresAt: input.status === "HELD" ? new Date(FAR_FUTURE.getTime() + 600e3) : null,
      total: price * input.seatIds.length,
      currency: "EUR",
      seats: {
        createMany: {
          data: input.seatIds.map((seatId) => ({
            seatId,
            hallId: input.hallId,
            showtimeId: input.showtimeId,
            price,
            live,
          })),
        },
      },
    },
    include: { seats: true },
  });
}

type Who = "anonymous" | "user" | "otherUser" | "admin";
type Outcome = "ok" | TRPCError["code"];
export type MatrixRow = {
  input: (fx: { db: PrismaClient }) => Promise<unknown>;
  expect: Record<Who, Outcome>;
};

const everyone: Record<Who, Outcome> = {
  anonymous: "ok",
  user: "ok",
  otherUser: "ok",
  admin: "ok",
};
const adminOnly: Record<Who, Outcome> = {
  anonymous: "UNAUTHORIZED",
  user: "FORBIDDEN",
  otherUser: "FORBIDDEN",
  admin: "ok",
};

let slot = 0;
/** A fresh hall, film and scheduled showtime (own hall, so nothing overlaps). */
async function scheduled(db: PrismaClient) {
  const [movie, hall] = await Promise.all([makeMovie(db), makeHall(db)]);
  const startsAt = new Date(FAR_FUTURE.getTime() + (slot += 1) * 86_400_000);
  const showtime = await makeShowtime(db, { movieId: movie.id, hallId: hall.id, startsAt });
  return { movie, hall, showtime };
}

/**
 * The catalogue's rows of the authorization matrix, in the shape of src/authz.test.ts's
 * table (spread them into it). Every cell gets fresh rows, so admin cells succeed.
 */
export const catalogMatrix: Record<string, MatrixRow> = {
  "movie.list": { input: async () => ({}), expect: everyone },
  "movie.byId": { input: async ({ db }) => ({ id: (await makeMovie(db)).id }), expect: everyone },
  "movie.create": {
    input: async () => ({ title: unique("Created"), genres: ["Drama"], durationMinutes: 90 }),
    expect: adminOnly,
  },
  "movie.update": {
    input: async ({ db }) => ({ id: (await makeMovie(db)).id, title: unique("Renamed") }),
    expect: adminOnly,
  },
  "movie.delete": {
    input: async ({ db }) => ({ id: (await makeMovie(db)).id }),
    expect: adminOnly,
  },
  "hall.list": { input: async () => undefined, expect: everyone },
  "hall.byId": { input: async ({ db }) => ({ id: (await makeHall(db)).id }), expect: everyone },
  "hall.create": {
    input: async () => ({ name: unique("New hall"), layout: ["SS_SS", "PP_PP"] }),
    expect: adminOnly,
  },
  "hall.update": {
    input: async ({ db }) => ({ id: (await makeHall(db)).id, layout: ["SSS", "WCW"] }),
    expect: adminOnly,
  },
  "hall.delete": { input: async ({ db }) => ({ id: (await makeHall(db)).id }), expect: adminOnly },
  "showtime.list": { input: async () => ({}), expect: everyone },
  "showtime.byId": {
    input: async ({ db }) => ({ id: (await scheduled(db)).showtime.id }),
    expect: everyone,
  },
  // Added to the showtime router by the booking work; public like the rest of the listing.
  "showtime.seatMap": {
    input: async ({ db }) => ({ showtimeId: (await scheduled(db)).showtime.id }),
    expect: everyone,
  },
  "showtime.create": {
    input: async ({ db }) => {
      const [movie, hall] = await Promise.all([makeMovie(db), makeHall(db)]);
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
    input: async ({ db }) => ({
      id: (await scheduled(db)).showtime.id,
      prices: { STANDARD: 1300 },
    }),
    expect: adminOnly,
  },
  "showtime.cancel": {
    input: async ({ db }) => ({ id: (await scheduled(db)).showtime.id, reason: "Projector fault" }),
    expect: adminOnly,
  },
  "showtime.delete": {
    input: async ({ db }) => ({ id: (await scheduled(db)).showtime.id }),
    expect: adminOnly,
  },
};
