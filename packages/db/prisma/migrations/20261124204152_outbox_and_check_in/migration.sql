-- CreateEnum
CREATE TYPE "OutboxKind" AS ENUM ('BOOKING_CONFIRMED', 'BOOKING_CANCELLED', 'SHOWTIME_CANCELLED', 'SHOWTIME_MOVED', 'PASSWORD_RESET');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- AlterEnum
ALTER TYPE "AuthAttemptKind" ADD VALUE 'PASSWORD_RESET';

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'STAFF';

-- AlterTable
ALTER TABLE "Reservation" ADD COLUMN     "cancelledReason" TEXT,
ADD COLUMN     "checkedInAt" TIMESTAMPTZ(3),
ADD COLUMN     "checkedInById" UUID;

-- CreateTable
CREATE TABLE "PasswordResetToken" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordResetToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" UUID NOT NULL,
    "kind" "OutboxKind" NOT NULL,
    "recipient" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PasswordResetToken_userId_idx" ON "PasswordResetToken"("userId");

-- CreateIndex
CREATE INDEX "Outbox_status_nextAttemptAt_idx" ON "Outbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Outbox_createdAt_idx" ON "Outbox"("createdAt");

-- AddForeignKey
ALTER TABLE "PasswordResetToken" ADD CONSTRAINT "PasswordResetToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Booking and showtime mails are written by triggers, so every code path that confirms,
-- cancels or moves (services, single-statement SQL functions, a psql session) writes its
-- mail in its own transaction: a rollback takes the mail with it, a commit cannot lose it.
-- The rows say what happened and to whom; the outbox worker renders the mail when it sends.

CREATE FUNCTION marquee_reservation_mail() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  to_address text;
  showtime_row record;
BEGIN
  SELECT email INTO to_address FROM "User" WHERE id = NEW."userId";
  -- A deleted account has nobody to tell.
  IF to_address IS NULL THEN RETURN NULL; END IF;
  IF NEW.status = 'CONFIRMED' THEN
    INSERT INTO "Outbox" (id, kind, recipient, payload)
    VALUES (gen_random_uuid(), 'BOOKING_CONFIRMED', to_address,
            jsonb_build_object('reservationId', NEW.id));
  ELSIF NEW.status = 'CANCELLED' AND OLD.status = 'CONFIRMED' THEN
    SELECT status::text AS status, "cancelledReason" INTO showtime_row
    FROM "Showtime" WHERE id = NEW."showtimeId";
    IF showtime_row.status = 'CANCELLED' THEN
      INSERT INTO "Outbox" (id, kind, recipient, payload)
      VALUES (gen_random_uuid(), 'SHOWTIME_CANCELLED', to_address,
              jsonb_build_object('reservationId', NEW.id, 'reason', showtime_row."cancelledReason"));
    ELSE
      INSERT INTO "Outbox" (id, kind, recipient, payload)
      VALUES (gen_random_uuid(), 'BOOKING_CANCELLED', to_address,
              jsonb_build_object('reservationId', NEW.id, 'reason', NEW."cancelledReason"));
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

-- Only confirmed bookings are told about a cancellation: an abandoned hold was never a booking.
CREATE TRIGGER "Reservation_mail"
  AFTER UPDATE OF status ON "Reservation"
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
        AND (NEW.status = 'CONFIRMED' OR (NEW.status = 'CANCELLED' AND OLD.status = 'CONFIRMED')))
  EXECUTE FUNCTION marquee_reservation_mail();

CREATE FUNCTION marquee_showtime_moved_mail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "Outbox" (id, kind, recipient, payload)
  SELECT gen_random_uuid(), 'SHOWTIME_MOVED', u.email,
         jsonb_build_object('reservationId', r.id, 'oldStartsAt', OLD."startsAt",
                            'newStartsAt', NEW."startsAt")
  FROM "Reservation" r JOIN "User" u ON u.id = r."userId"
  WHERE r."showtimeId" = NEW.id AND r.status = 'CONFIRMED';
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Showtime_moved_mail"
  AFTER UPDATE OF "startsAt" ON "Showtime"
  FOR EACH ROW
  WHEN (OLD."startsAt" IS DISTINCT FROM NEW."startsAt" AND NEW.status = 'SCHEDULED')
  EXECUTE FUNCTION marquee_showtime_moved_mail();
