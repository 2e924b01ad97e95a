// Idempotent seed: the admin account always; demo data (halls, movies, a week of showtimes,
// a few bookings) only into a database without any halls or movies yet. Idempotent in the
// database too, not only by looking first: the inserts that could collide with another
// process seeding at the same moment use ON CONFLICT DO NOTHING, so neither one crashes.
import { randomBytes } from "node:crypto";
import {
  addLocalDays,
  generateBookingCode,
  localDateOf,
  localDateTime,
  seatsFromLayout,
} from "@marquee/domain";
import { configDefaults } from "./config";
import { type PrismaClient } from "./generated/prisma/client";
import { hashPassword, verifyPassword } from "./password";
import demo from "./demo-data.json";

export type SeedOptions = {
  adminEmail?: string | undefined;
  adminPassword?: string | undefined;
  /** When no ADMIN_PASSWORD is given, generate one (embedded databases) instead of failing. */
  generateAdminPassword: boolean;
  demo: boolean;
  timeZone: string;
  currency?: string;
  cleaningMinutes?: number;
  now?: Date;
};

export type SeedResult = {
  admin: {
    email: string;
    created: boolean;
    generatedPassword: string | null;
    /**
     * ADMIN_PASSWORD was given but the account already existed with another password. It is
     * not applied (a password changed in the app must survive restarts); start-up says so and
     * points at `pnpm admin:reset-password`.
     */
    passwordIgnored: boolean;
  };
  demo: { halls: number; movies: number; showtimes: number; reservations: number } | null;
};

export const DEFAULT_ADMIN_EMAIL = configDefaults.ADMIN_EMAIL;

export class SeedError extends Error {}

/** The demo cinema: its halls (layouts) and films, kept as data beside this file. */
export const DEMO_HALLS: { name: string; layout: string[] }[] = demo.halls;
export const DEMO_MOVIES: {
  title: string;
  description: string;
  genres: string[];
  durationMinutes: number;
  rating: string;
}[] = demo.movies;

const FIRST_SHOW = "12:30";
const LAST_START_MINUTES = 22 * 60 + 45;

function roundUpToQuarter(date: Date): Date {
  const q = 15 * 60_000;
  return new Date(Math.ceil(date.getTime() / q) * q);
}

function minutesOfLocalDay(instant: Date, date: string, timeZone: string): number {
  return (instant.getTime() - localDateTime(date, "00:00", timeZone).getTime()) / 60_000;
}

export async function seed(prisma: PrismaClient, options: SeedOptions): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const admin = await seedAdmin(prisma, options);
  if (!options.demo) return { admin, demo: null };
  const [halls, movies] = await Promise.all([prisma.hall.count(), prisma.movie.count()]);
  if (halls > 0 || movies > 0) return { admin, demo: null };
  try {
    return { admin, demo: await seedDemo(prisma, { ...options, now }) };
  } catch (error) {
    if (error instanceof DemoAlreadySeeded) return { admin, demo: null };
    throw error;
  }
}

/** Thrown inside the demo transaction to roll it back when another seeder got there first. */
class DemoAlreadySeeded extends Error {}

async function seedAdmin(prisma: PrismaClient, options: SeedOptions): Promise<SeedResult["admin"]> {
  const email = (options.adminEmail ?? DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
  const existing = await prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true },
  });
  if (existing) {
    const passwordIgnored =
      options.adminPassword !== undefined &&
      !(await verifyPassword(existing.passwordHash, options.adminPassword));
    return { email, created: false, generatedPassword: null, passwordIgnored };
  }
  let password = options.adminPassword;
  let generatedPassword: string | null = null;
  if (!password) {
    if (!options.generateAdminPassword) {
      throw new SeedError(
        `ADMIN_PASSWORD is required to create the admin account ${email} on this database`,
      );
    }
    password = randomBytes(12).toString("base64url");
    generatedPassword = password;
  }
  // ON CONFLICT DO NOTHING: another process may have created it since the look-up above.
  const { count } = await prisma.user.createMany({
    data: [
      { email, name: "Administrator", role: "ADMIN", passwordHash: await hashPassword(password) },
    ],
    skipDuplicates: true,
  });
  const created = count === 1;
  return {
    email,
    created,
    generatedPassword: created ? generatedPassword : null,
    passwordIgnored: false,
  };
}

async function seedDemo(
  prisma: PrismaClient,
  options: SeedOptions & { now: Date },
): Promise<NonNullable<SeedResult["demo"]>> {
  const { timeZone, now } = options;
  const currency = options.currency ?? configDefaults.CINEMA_CURRENCY;
  const cleaning = options.cleaningMinutes ?? configDefaults.CLEANING_MINUTES;

  return prisma.$transaction(
    async (tx) => {
      // The demo halls are the claim: ON CONFLICT DO NOTHING inserts them only where no hall
      // of that name exists. A concurrent seeder's insert waits for this transaction and then
      // inserts nothing, so it rolls back everything instead of failing on Hall_name_key.
      const claimed = await tx.hall.createManyAndReturn({
        data: DEMO_HALLS.map(({ name, layout }) => ({ name, layout })),
        skipDuplicates: true,
        select: { id: true, name: true },
      });
      if (claimed.length < DEMO_HALLS.length) throw new DemoAlreadySeeded();
      const halls = [];
      for (const hall of DEMO_HALLS) {
        const id = claimed.find((c) => c.name === hall.name)?.id;
        if (id === undefined) throw new DemoAlreadySeeded();
        await tx.seat.createMany({
          data: seatsFromLayout(hall.layout).map(({ row, number, kind, x, y }) => ({
            hallId: id,
            row,
            number,
            kind,
            x,
            y,
          })),
        });
        const seats = await tx.seat.findMany({
          where: { hallId: id },
          orderBy: [{ y: "asc" }, { x: "asc" }],
        });
        halls.push({ id, name: hall.name, seats });
      }
      const movies = [];
      for (const movie of DEMO_MOVIES) movies.push(await tx.movie.create({ data: movie }));

      // A week of showtimes per hall, back to back with a cleaning break, in local time.
      const showtimes: { id: string; hallIndex: number }[] = [];
      const today = localDateOf(now, timeZone);
      let rotation = 0;
      for (let day = 0; day < 7; day += 1) {
        const date = addLocalDays(today, day);
        for (const [hallIndex, hall] of halls.entries()) {
          let start = localDateTime(date, FIRST_SHOW, timeZone);
          start = new Date(start.getTime() + hallIndex * 20 * 60_000);
          while (minutesOfLocalDay(start, date, timeZone) <= LAST_START_MINUTES) {
            const movie = movies[(rotation += 1) % movies.length];
            if (!movie) break;
            const endsAt = new Date(start.getTime() + movie.durationMinutes * 60_000);
            const busyUntil = new Date(endsAt.getTime() + cleaning * 60_000);
            if (start > now) {
              const premium = hall.name === "Salon" ? 1900 : 1650;
              const created = await tx.showtime.create({
                data: {
                  movieId: movie.id,
                  hallId: hall.id,
                  startsAt: start,
                  endsAt,
                  busyUntil,
                  priceStandard: 1200,
                  pricePremium: premium,
                  priceWheelchair: 1200,
                  priceCompanion: 1200,
                  currency,
                },
              });
              showtimes.push({ id: created.id, hallIndex });
            }
            start = roundUpToQuarter(busyUntil);
          }
        }
      }

      // A few confirmed bookings so seat maps look alive. Demo guests get random,
      // unknown passwords: they cannot be signed into.
      const guestNames = ["Ada Demo", "Grace Demo", "Alan Demo"];
      const guestEmail = (i: number) => `guest${i + 1}@demo.marquee.local`;
      // Guests may survive from an earlier demo whose halls were deleted: keep them.
      await tx.user.createMany({
        data: await Promise.all(
          guestNames.map(async (name, i) => ({
            email: guestEmail(i),
            name,
            passwordHash: await hashPassword(randomBytes(18).toString("base64url")),
          })),
        ),
        skipDuplicates: true,
      });
      const guests = await tx.user.findMany({
        where: { email: { in: guestNames.map((_, i) => guestEmail(i)) } },
        select: { id: true },
        orderBy: { email: "asc" },
      });
      let reservations = 0;
      for (const [i, showtime] of showtimes.slice(0, 12).entries()) {
        const hall = halls[showtime.hallIndex];
        const guest = guests[i % guests.length];
        if (!hall || !guest) continue;
        const middle = Math.floor(hall.seats.length / 2);
        const seats = hall.seats.slice(middle + i, middle + i + 2 + (i % 3));
        const total = seats.length * 1200;
        await tx.reservation.create({
          data: {
            code: generateBookingCode(randomBytes),
            userId: guest.id,
            showtimeId: showtime.id,
            status: "CONFIRMED",
            confirmedAt: now,
            total,
            currency,
            seats: {
              createMany: {
                data: seats.map((seat) => ({
                  seatId: seat.id,
                  hallId: hall.id,
                  showtimeId: showtime.id,
                  price: 1200,
                })),
              },
            },
          },
        });
        reservations += 1;
      }
      return {
        halls: halls.length,
        movies: movies.length,
        showtimes: showtimes.length,
        reservations,
      };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
