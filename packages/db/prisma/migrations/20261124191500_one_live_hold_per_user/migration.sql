-- At most one HELD reservation per user and showtime: holding again replaces the hold, and
-- the database, not the code, makes sure parallel holds cannot add up (six parallel holds
-- once left one user with 40 seats held). Lapsed holds still read HELD until they are
-- ended, so the hold path ends the user's lapsed hold for the showtime before inserting.
--
-- Older data may break the rule: keep each user's newest hold per showtime, and end the
-- others as expired (their seats freed) before the index is built.
WITH ranked AS (
  SELECT id, row_number() OVER (PARTITION BY "userId", "showtimeId" ORDER BY "createdAt" DESC, id DESC) AS n
  FROM "Reservation"
  WHERE status = 'HELD' AND "userId" IS NOT NULL),
ended AS (
  UPDATE "Reservation" r SET status = 'EXPIRED', "updatedAt" = now()
  FROM ranked WHERE r.id = ranked.id AND ranked.n > 1
  RETURNING r.id)
UPDATE "ReservationSeat" SET live = false WHERE "reservationId" IN (SELECT id FROM ended);

CREATE UNIQUE INDEX "Reservation_one_hold_per_user_key" ON "Reservation" ("userId", "showtimeId")
  WHERE status = 'HELD';
