// The one set of test factories: for the API's tests, the authorization matrix and (as
// "@marquee/api/testing") the server's HTTP tests. Rows are inserted with Prisma directly, so
// a test can arrange any state; users get a real password hash and a real session, and
// callers sign in through the real session code. Production code never imports this module.
import { randomBytes, randomUUID } from "node:crypto";
import { type PrismaClient, type ReservationStatus, type ShowtimeStatus } from "@marquee/db";
import { generateBookingCode, seatsFromLayout, type SeatKind } from "@marquee/domain";
import {
  createContextInner,
  type ApiConfig,
  type Role,
  type SessionTransport,
  type SessionUser,
} from "../context";
import { createCaller } from "../root";
import { createSession, validateSessionToken } from "../services/auth/session";
import { type SeatMapCache } from "../services/booking/seat-map-cache";
import { type SessionCache } from "../services/auth/session-cache";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let counter = 0;
/** A name no other test in the file uses. */
export const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}-${(counter += 1)}`;

/** Far enough ahead that a real clock still sees it as the future. */
export const FAR_FUTURE = new Date("2031-01-06T10:00:00.000Z");

/** Two days from now by the real clock: on sale, whoever runs the test and when. */
const inTwoDays = () => new Date(Date.now() + 48 * HOUR);

// ---------------------------------------------------------------------------------------
// Users and callers

/** Every factory user has this password. */
export const FIXTURE_PASSWORD = "password123";

/** A signed-in user: the row's public fields and the token of its real session. */
export type Actor = SessionUser & { token: string };

let fixtureHash: Promise<string> | undefined;
/** Argon2 is slow on purpose, so the password is hashed once per test file. */
async function passwordHash(): Promise<string> {
  const { hashPassword } = await import("@marquee/db");
  return (fixtureHash ??= hashPassword(FIXTURE_PASSWORD));
}

export type UserOptions = {
  role?: Role;
  email?: string;
  name?: string;
  /** When the session starts (it lasts SESSION_DAYS from then). */
  now?: Date;
};

export async function createUser(db: PrismaClient, options: UserOptions = {}): Promise<Actor> {
  const role = options.role ?? "USER";
  const email = options.email ?? `${role.toLowerCase()}-${randomUUID()}@test.marquee`;
  const name = options.name ?? `${role} ${email.slice(0, 8)}`;
  const user = await db.user.create({
    data: { email, name, role, passwordHash: await passwordHash() },
    select: { id: true },
  });
  const { token } = await createSession(db, user.id, options.now ?? new Date());
  return { id: user.id, email, name, role, token };
}

/** Many signed-in users for load tests: one hash per file, then two inserts per user. */
export async function createUsers(
  db: PrismaClient,
  count: number,
  options: Omit<UserOptions, "email"> = {},
): Promise<Actor[]> {
  const users: Actor[] = [];
  for (let i = 0; i < count; i += 1) users.push(await createUser(db, options));
  return users;
}

export type CallerOptions = {
  now?: Date;
  config?: Partial<ApiConfig>;
  clientIp?: string;
  transport?: SessionTransport;
  seatMaps?: SeatMapCache;
  sessions?: SessionCache;
};

/**
 * A caller holding the actor's token (or anonymous for null). Like the host, it validates
 * the token through the session code on every call, so a session ended meanwhile shows.
 */
export function callerFor(db: PrismaClient, actor: Actor | null, options: CallerOptions = {}) {
  const now = options.now ?? new Date();
  return createCaller(async () => {
    const auth = actor
      ? await validateSessionToken(db, actor.token, now, options.sessions)
      : { user: null, session: null };
    return createContextInner({
      db,
      user: auth.user,
      session: auth.session,
      now: () => now,
      ...(options.config ? { config: options.config } : {}),
      ...(options.clientIp ? { clientIp: options.clientIp } : {}),
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.seatMaps ? { seatMaps: options.seatMaps } : {}),
      ...(options.sessions ? { sessions: options.sessions } : {}),
    });
  });
}

/** Records what procedures asked the host to do with the session cookie. */
export function recordingTransport() {
  const calls: ({ set: string; expiresAt: Date } | { clear: true })[] = [];
  const transport: SessionTransport = {
    setSession: (token, expiresAt) => calls.push({ set: token, expiresAt }),
    clearSession: () => calls.push({ clear: true }),
  };
  return { transport, calls };
}

// ---------------------------------------------------------------------------------------
// Films, halls, showtimes and reservations

export async function createMovie(
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

/** A hall with the seats of its layout, ordered row by row. */
export async function createHall(
  db: PrismaClient,
  options: { layout?: string[]; name?: string } = {},
) {
  const layout = options.layout ?? ["SSPP", "WC_S"];
  return db.hall.create({
    data: {
      name: options.name ?? unique("Hall"),
      layout,
      seats: {
        createMany: { data: seatsFromLayout(layout).map(({ label: _label, ...seat }) => seat) },
      },
    },
    include: { seats: { orderBy: [{ y: "asc" }, { x: "asc" }] } },
  });
}

/** `rows` rows of `perRow` standard seats. */
export const standardLayout = (rows: number, perRow: number) =>
  Array.from({ length: rows }, () => "S".repeat(perRow));

export const DEFAULT_PRICES: Record<SeatKind, number> = {
  STANDARD: 1000,
  PREMIUM: 1500,
  WHEELCHAIR: 1000,
  COMPANION: 1000,
};

/**
 * A showtime inserted directly (no past-start or overlap check), times derived like the
 * service. `startsAt` may be an ISO string, as the router takes it.
 */
export async function createShowtime(
  db: PrismaClient,
  input: {
    movie: { id: string; durationMinutes: number };
    hall: { id: string };
    startsAt: Date | string;
    durationMinutes?: number;
    cleaningMinutes?: number;
    status?: ShowtimeStatus;
    prices?: Record<SeatKind, number>;
  },
) {
  const startsAt = new Date(input.startsAt);
  const duration = input.durationMinutes ?? input.movie.durationMinutes;
  const endsAt = new Date(startsAt.getTime() + duration * MINUTE);
  const prices = input.prices ?? DEFAULT_PRICES;
  return db.showtime.create({
    data: {
      movieId: input.movie.id,
      hallId: input.hall.id,
      startsAt,
      endsAt,
      busyUntil: new Date(endsAt.getTime() + (input.cleaningMinutes ?? 15) * MINUTE),
      priceStandard: prices.STANDARD,
      pricePremium: prices.PREMIUM,
      priceWheelchair: prices.WHEELCHAIR,
      priceCompanion: prices.COMPANION,
      status: input.status ?? "SCHEDULED",
    },
  });
}

/** A reservation in any state with its seats, as the booking code writes it. */
export async function createReservation(
  db: PrismaClient,
  input: {
    showtime: { id: string; hallId: string };
    seatIds: string[];
    status: ReservationStatus;
    user?: { id: string } | null;
    price?: number;
  },
) {
  const price = input.price ?? 1000;
  const live = input.status === "HELD" || input.status === "CONFIRMED";
  return db.reservation.create({
    data: {
      // A real code's shape, so lookups that normalise what people type find it.
      code: generateBookingCode((n) => randomBytes(n)),
      userId: input.user?.id ?? null,
      showtimeId: input.showtime.id,
      status: input.status,
      holdExpiresAt: input.status === "HELD" ? new Date(FAR_FUTURE.getTime() + 10 * MINUTE) : null,
      total: price * input.seatIds.length,
      currency: "EUR",
      seats: {
        createMany: {
          data: input.seatIds.map((seatId) => ({
            seatId,
            hallId: input.showtime.hallId,
            showtimeId: input.showtime.id,
            price,
            live,
          })),
        },
      },
    },
    include: { seats: true },
  });
}

// ---------------------------------------------------------------------------------------
// A small cinema for booking tests

/** One hall with every seat kind. */
export const CINEMA_LAYOUT = ["SSSS_SSSS", "PPPP_PPPP", "WC_____CW"];
export const CINEMA_PRICES: Record<SeatKind, number> = {
  STANDARD: 1200,
  PREMIUM: 1650,
  WHEELCHAIR: 900,
  COMPANION: 900,
};

/** A hall, a 100-minute film, seats by label, and showtimes of that film in that hall. */
export async function createCinema(db: PrismaClient, layout: string[] = CINEMA_LAYOUT) {
  const [hall, movie] = await Promise.all([
    createHall(db, { layout }),
    createMovie(db, { durationMinutes: 100 }),
  ]);
  const seat = (label: string) => {
    const found = hall.seats.find((s) => `${s.row}${s.number}` === label);
    if (!found) throw new Error(`no seat ${label}`);
    return found.id;
  };
  /** A showtime of this hall; callers pick start times that do not overlap. */
  const showtime = (startsAt: Date, status: ShowtimeStatus = "SCHEDULED") =>
    createShowtime(db, { movie, hall, startsAt, status, prices: CINEMA_PRICES });
  return { hall, movie, seat, showtime };
}

/** A fresh cinema with one showtime on sale (two days ahead), and its seat ids in order. */
export async function createShowtimeOnSale(db: PrismaClient, layout?: string[]) {
  const cinema = await createCinema(db, layout);
  const showtime = await cinema.showtime(inTwoDays());
  return { cinema, showtime, seatIds: cinema.hall.seats.map((s) => s.id) };
}

/**
 * A booking scene: a cinema with a showtime `startsAt`, Alice, Bob and an admin signed in at
 * `now`, callers for them, a hold helper and the live seat labels of a showtime.
 */
export async function createBookingScene(db: PrismaClient, options: { now: Date; startsAt: Date }) {
  const T0 = options.now;
  const cinema = await createCinema(db);
  const show = await cinema.showtime(options.startsAt);
  const alice = await createUser(db, { now: T0 });
  const bob = await createUser(db, { now: T0 });
  const admin = await createUser(db, { role: "ADMIN", now: T0 });
  const as = (actor: Actor | null, now = T0, config = {}) => callerFor(db, actor, { now, config });
  /** The actor holds the seats with these labels for `show`. */
  const hold = (actor: Actor, labels: string[], now = T0) =>
    as(actor, now).reservation.hold({ showtimeId: show.id, seatIds: labels.map(cinema.seat) });
  const live = async (showtimeId = show.id) =>
    (
      await db.reservationSeat.findMany({
        where: { showtimeId, live: true },
        select: { seat: { select: { row: true, number: true } } },
      })
    )
      .map((r) => `${r.seat.row}${r.seat.number}`)
      .sort();
  return { db, cinema, show, alice, bob, admin, as, hold, live };
}
