// Idempotent seed: the admin account always; demo data (halls, movies, a week of showtimes,
// a few bookings) only into a database without any halls or movies yet.
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
import { hashPassword } from "./password";
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
  admin: { email: string; created: boolean; generatedPassword: string | null };
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
  return { admin, demo: await seedDemo(prisma, { ...options, now }) };
}

async function seedAdmin(prisma: PrismaClient, options: SeedOptions): Promise<SeedResult["admin"]> {
  const email = (options.adminEmail ?? DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return { email, created: false, generatedPassword: null };
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
  await prisma.user.create({
    data: {
      email,
      name: "Administrator",
      role: "ADMIN",
      passwordHash: await hashPassword(password),
    },
  });
  return { email, created: true, generatedPassword };
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
      const halls = [];
      for (const hall of DEMO_HALLS) {
        halls.push(
          await tx.hall.create({
            data: {
              name: hall.name,
              layout: hall.layout,
              seats: {
                createMany: {
                  data: seatsFromLayout(hall.layout).map(({ row, number, kind, x, y }) => ({
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
          }),
        );
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
      const guests = [];
      for (const [i, name] of ["Ada Demo", "Grace Demo", "Alan Demo"].entries()) {
        guests.push(
          await tx.user.create({
            data: {
              email: `guest${i + 1}@demo.marquee.local`,
              name,
              passwordHash: await hashPassword(randomBytes(18).toString("base64url")),
            },
          }),
        );
      }
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
