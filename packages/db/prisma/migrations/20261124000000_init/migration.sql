-- Marquee's initial schema. Generated from schema.prisma by the schema engine, plus the
-- invariants Prisma's schema language cannot say (extension, exclusion constraint, partial
-- and expression indexes, checks), which the engine's drift check ignores.

-- Needed for the hall + time-range exclusion constraint below.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');

-- CreateEnum
CREATE TYPE "SeatKind" AS ENUM ('STANDARD', 'PREMIUM', 'WHEELCHAIR', 'COMPANION');

-- CreateEnum
CREATE TYPE "ShowtimeStatus" AS ENUM ('SCHEDULED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ReservationStatus" AS ENUM ('HELD', 'CONFIRMED', 'CANCELLED', 'EXPIRED');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Movie" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "genres" TEXT[],
    "durationMinutes" INTEGER NOT NULL,
    "rating" TEXT,
    "posterUrl" TEXT,
    "releaseDate" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Movie_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hall" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "layout" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Hall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Seat" (
    "id" UUID NOT NULL,
    "hallId" UUID NOT NULL,
    "row" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "SeatKind" NOT NULL,
    "x" INTEGER NOT NULL,
    "y" INTEGER NOT NULL,

    CONSTRAINT "Seat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Showtime" (
    "id" UUID NOT NULL,
    "movieId" UUID NOT NULL,
    "hallId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "busyUntil" TIMESTAMPTZ(3) NOT NULL,
    "priceStandard" INTEGER NOT NULL,
    "pricePremium" INTEGER NOT NULL,
    "priceWheelchair" INTEGER NOT NULL,
    "priceCompanion" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "status" "ShowtimeStatus" NOT NULL DEFAULT 'SCHEDULED',
    "cancelledReason" TEXT,
    "cancelledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Showtime_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reservation" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "showtimeId" UUID NOT NULL,
    "status" "ReservationStatus" NOT NULL DEFAULT 'HELD',
    "holdExpiresAt" TIMESTAMPTZ(3),
    "total" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "idempotencyKey" TEXT,
    "confirmedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Reservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReservationSeat" (
    "id" UUID NOT NULL,
    "reservationId" UUID NOT NULL,
    "showtimeId" UUID NOT NULL,
    "hallId" UUID NOT NULL,
    "seatId" UUID NOT NULL,
    "price" INTEGER NOT NULL,
    "live" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ReservationSeat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "Movie_title_idx" ON "Movie"("title");

-- CreateIndex
CREATE UNIQUE INDEX "Hall_name_key" ON "Hall"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Seat_hallId_row_number_key" ON "Seat"("hallId", "row", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Seat_id_hallId_key" ON "Seat"("id", "hallId");

-- CreateIndex
CREATE INDEX "Showtime_startsAt_id_idx" ON "Showtime"("startsAt", "id");

-- CreateIndex
CREATE INDEX "Showtime_hallId_startsAt_idx" ON "Showtime"("hallId", "startsAt");

-- CreateIndex
CREATE INDEX "Showtime_movieId_startsAt_idx" ON "Showtime"("movieId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Showtime_id_hallId_key" ON "Showtime"("id", "hallId");

-- CreateIndex
CREATE UNIQUE INDEX "Reservation_code_key" ON "Reservation"("code");

-- CreateIndex
CREATE INDEX "Reservation_showtimeId_status_idx" ON "Reservation"("showtimeId", "status");

-- CreateIndex
CREATE INDEX "Reservation_userId_createdAt_idx" ON "Reservation"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Reservation_status_holdExpiresAt_idx" ON "Reservation"("status", "holdExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Reservation_userId_idempotencyKey_key" ON "Reservation"("userId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "ReservationSeat_showtimeId_live_idx" ON "ReservationSeat"("showtimeId", "live");

-- CreateIndex
CREATE INDEX "ReservationSeat_seatId_idx" ON "ReservationSeat"("seatId");

-- CreateIndex
CREATE UNIQUE INDEX "ReservationSeat_reservationId_seatId_key" ON "ReservationSeat"("reservationId", "seatId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Seat" ADD CONSTRAINT "Seat_hallId_fkey" FOREIGN KEY ("hallId") REFERENCES "Hall"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Showtime" ADD CONSTRAINT "Showtime_movieId_fkey" FOREIGN KEY ("movieId") REFERENCES "Movie"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Showtime" ADD CONSTRAINT "Showtime_hallId_fkey" FOREIGN KEY ("hallId") REFERENCES "Hall"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reservation" ADD CONSTRAINT "Reservation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reservation" ADD CONSTRAINT "Reservation_showtimeId_fkey" FOREIGN KEY ("showtimeId") REFERENCES "Showtime"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReservationSeat" ADD CONSTRAINT "ReservationSeat_reservationId_fkey" FOREIGN KEY ("reservationId") REFERENCES "Reservation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReservationSeat" ADD CONSTRAINT "ReservationSeat_showtimeId_hallId_fkey" FOREIGN KEY ("showtimeId", "hallId") REFERENCES "Showtime"("id", "hallId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReservationSeat" ADD CONSTRAINT "ReservationSeat_seatId_hallId_fkey" FOREIGN KEY ("seatId", "hallId") REFERENCES "Seat"("id", "hallId") ON DELETE RESTRICT ON UPDATE CASCADE;


-- E-mail addresses are unique regardless of case (the app stores them lower-cased too).
CREATE UNIQUE INDEX "User_email_lower_key" ON "User" (lower("email"));
ALTER TABLE "User" ADD CONSTRAINT "User_email_lowercase_check" CHECK ("email" = lower("email"));

ALTER TABLE "Movie" ADD CONSTRAINT "Movie_duration_check" CHECK ("durationMinutes" BETWEEN 1 AND 600);

ALTER TABLE "Showtime" ADD CONSTRAINT "Showtime_times_check" CHECK ("startsAt" < "endsAt" AND "endsAt" <= "busyUntil");
ALTER TABLE "Showtime" ADD CONSTRAINT "Showtime_prices_check" CHECK ("priceStandard" >= 0 AND "pricePremium" >= 0 AND "priceWheelchair" >= 0 AND "priceCompanion" >= 0);

-- Two scheduled showtimes of one hall never overlap, cleaning break included. Enforced by the
-- database, so two admins scheduling at the same moment cannot both succeed.
ALTER TABLE "Showtime" ADD CONSTRAINT "Showtime_no_overlap"
    EXCLUDE USING gist ("hallId" WITH =, tstzrange("startsAt", "busyUntil", '[)') WITH &&)
    WHERE ("status" = 'SCHEDULED');

ALTER TABLE "Reservation" ADD CONSTRAINT "Reservation_total_check" CHECK ("total" >= 0);
ALTER TABLE "Reservation" ADD CONSTRAINT "Reservation_hold_check" CHECK ("status" <> 'HELD' OR "holdExpiresAt" IS NOT NULL);
ALTER TABLE "ReservationSeat" ADD CONSTRAINT "ReservationSeat_price_check" CHECK ("price" >= 0);

-- The booking invariant: a seat of a showtime is in at most one live (held or confirmed)
-- reservation. Every path that ends a reservation clears "live" in the same transaction.
CREATE UNIQUE INDEX "ReservationSeat_live_key" ON "ReservationSeat" ("showtimeId", "seatId") WHERE "live";
