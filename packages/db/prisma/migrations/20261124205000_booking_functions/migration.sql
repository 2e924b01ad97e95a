-- The booking hot path in the database: hold, confirm and cancel are one call (one round
-- trip) each. The services in packages/api/src/services/booking call these functions through
-- sql.ts and turn their structured answers into the API's errors.
--
-- Rules defined here once, for SQL (packages/api/src/services/booking/lifecycle.ts points here,
-- and lifecycle.test.ts checks they agree with @marquee/domain and the Prisma where):
--   marquee_is_live           what "live" means for a reservation at an instant;
--   marquee_end_reservations  the one way reservations end (their seats freed with them);
--   marquee_reservation_json  the reservation as every booking procedure returns it.
-- The sale rule (scheduled, and before startsAt - cutoff) and the price by seat kind mirror
-- @marquee/domain's saleState and priceOf; the hold tests hold them to the same answers.
-- The partial unique index "ReservationSeat_live_key" stays the last word on double sales.
-- Helpers with a query are PL/pgSQL rather than SQL functions: PL/pgSQL keeps each query's
-- plan for the session, where a SQL function is planned again on every call.

-- The per-account cap counts one user's reservations for one showtime.
CREATE INDEX "Reservation_userId_showtimeId_idx" ON "Reservation"("userId", "showtimeId");

CREATE FUNCTION marquee_is_live(status "ReservationStatus", hold_expires_at timestamptz, at_time timestamptz)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT status = 'CONFIRMED' OR (status = 'HELD' AND hold_expires_at > at_time)
$$;

-- Ends the given reservations and frees their seats. CANCELLED applies only to live ones (a
-- lapsed hold is not cancelled: it expired); EXPIRED only to holds past their deadline. A
-- cancelled reservation has no deadline left; an expired one keeps it. Returns the ids ended.
CREATE FUNCTION marquee_end_reservations(ids uuid[], end_status "ReservationStatus", at_time timestamptz)
RETURNS SETOF uuid LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN QUERY
  WITH ended AS (
    UPDATE "Reservation" r
    SET status = end_status, "updatedAt" = at_time,
      "cancelledAt" = CASE WHEN end_status = 'CANCELLED' THEN at_time ELSE r."cancelledAt" END,
      "holdExpiresAt" = CASE WHEN end_status = 'CANCELLED' THEN NULL ELSE r."holdExpiresAt" END
    WHERE r.id = ANY(ids) AND CASE end_status
      WHEN 'EXPIRED' THEN r.status = 'HELD' AND r."holdExpiresAt" <= at_time
      WHEN 'CANCELLED' THEN marquee_is_live(r.status, r."holdExpiresAt", at_time)
      ELSE false END
    RETURNING r.id),
  freed AS (
    UPDATE "ReservationSeat" rs SET live = false
    WHERE rs."reservationId" IN (SELECT ended.id FROM ended) AND rs.live)
  SELECT ended.id FROM ended;
END;
$$;

CREATE FUNCTION marquee_reservation_json(reservation_id uuid)
RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT jsonb_build_object(
    'id', r.id, 'code', r.code, 'status', r.status, 'showtimeId', r."showtimeId",
    'total', r.total, 'currency', r.currency, 'holdExpiresAt', r."holdExpiresAt",
    'createdAt', r."createdAt", 'confirmedAt', r."confirmedAt", 'cancelledAt', r."cancelledAt",
    'user', CASE WHEN u.id IS NULL THEN NULL
                 ELSE jsonb_build_object('id', u.id, 'email', u.email, 'name', u.name) END,
    'seats', (SELECT coalesce(jsonb_agg(jsonb_build_object('price', rs.price, 'seat', jsonb_build_object(
                'id', s.id, 'row', s.row, 'number', s.number, 'kind', s.kind, 'x', s.x, 'y', s.y))),
              '[]'::jsonb)
              FROM "ReservationSeat" rs JOIN "Seat" s ON s.id = rs."seatId"
              WHERE rs."reservationId" = r.id),
    'startsAt', st."startsAt", 'endsAt', st."endsAt", 'showtimeStatus', st.status,
    'cancelledReason', st."cancelledReason",
    'movie', jsonb_build_object('id', m.id, 'title', m.title, 'posterUrl', m."posterUrl", 'rating', m.rating),
    'hall', jsonb_build_object('id', h.id, 'name', h.name))
  FROM "Reservation" r
  JOIN "Showtime" st ON st.id = r."showtimeId"
  JOIN "Movie" m ON m.id = st."movieId"
  JOIN "Hall" h ON h.id = st."hallId"
  LEFT JOIN "User" u ON u.id = r."userId"
  WHERE r.id = reservation_id);
END;
$$;

-- Why a showtime cannot be booked now, or NULL while it is on sale (domain: saleState).
CREATE FUNCTION marquee_sale_refusal(status "ShowtimeStatus", starts_at timestamptz, at_time timestamptz, cutoff_minutes int)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN status <> 'SCHEDULED' THEN 'SHOWTIME_CANCELLED'
    WHEN at_time >= starts_at - make_interval(mins => cutoff_minutes) THEN 'SALES_CLOSED'
    ELSE NULL END
$$;

-- Labels ("A4") of these seats that another live reservation holds, in seat-map order.
CREATE FUNCTION marquee_taken_labels(showtime_id uuid, seat_ids uuid[], except_reservation uuid, at_time timestamptz)
RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT coalesce(jsonb_agg(s.row || s.number ORDER BY s.y, s.x), '[]'::jsonb)
  FROM "ReservationSeat" rs
  JOIN "Reservation" r ON r.id = rs."reservationId"
  JOIN "Seat" s ON s.id = rs."seatId"
  WHERE rs."showtimeId" = showtime_id AND rs."seatId" = ANY(seat_ids) AND rs.live
    AND rs."reservationId" IS DISTINCT FROM except_reservation
    AND marquee_is_live(r.status, r."holdExpiresAt", at_time));
END;
$$;

-- reservation.hold in one call. Answers {"outcome": ...}:
--   OK (+ reservation), NO_SHOWTIME, SHOWTIME_CANCELLED, SALES_CLOSED, FOREIGN_SEATS
--   (+ seatIds), SEAT_LIMIT (+ alreadyHeld), TAKEN (+ seats), KEY_REUSED.
-- One user's holds on one showtime run one at a time (an advisory lock), so the per-account
-- cap cannot be outrun by parallel requests. Holding again replaces the user's live hold for
-- the showtime, keeping its code and never moving its deadline later.
CREATE FUNCTION marquee_hold(
  p_user uuid, p_showtime uuid, p_seats uuid[], p_key text, p_at timestamptz,
  p_hold_minutes int, p_cutoff_minutes int, p_max_per_showtime int, p_new_id uuid, p_code text)
RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  st record;
  refusal text;
  known int;
  total_price int;
  current_id uuid;
  already int;
  taken jsonb;
  reservation uuid;
  violated text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('hold ' || p_user || ' ' || p_showtime, 0));

  -- A retried request (same key) gets the reservation it made, whatever happened since.
  IF p_key IS NOT NULL THEN
    SELECT r.id, r."showtimeId" INTO st FROM "Reservation" r
    WHERE r."userId" = p_user AND r."idempotencyKey" = p_key;
    IF FOUND THEN
      IF st."showtimeId" <> p_showtime THEN RETURN jsonb_build_object('outcome', 'KEY_REUSED'); END IF;
      RETURN jsonb_build_object('outcome', 'OK', 'reservation', marquee_reservation_json(st.id));
    END IF;
  END IF;

  -- Losing a race costs a read, not a write: seats that another account holds or bought are
  -- refused before any row lock (FOR SHARE writes the row, and its commit waits for a flush),
  -- so a thousand losers of one hot seat never queue for the disk. Only while the showtime
  -- is on sale and the request is within the cap, so every other refusal reads as below;
  -- the locked path decides everything again.
  IF cardinality(p_seats) <= p_max_per_showtime AND EXISTS (
      SELECT 1 FROM "Showtime" s WHERE s.id = p_showtime
        AND marquee_sale_refusal(s.status, s."startsAt", p_at, p_cutoff_minutes) IS NULL) THEN
    SELECT coalesce(jsonb_agg(s.row || s.number ORDER BY s.y, s.x), '[]'::jsonb) INTO taken
    FROM "ReservationSeat" rs
    JOIN "Reservation" r ON r.id = rs."reservationId"
    JOIN "Seat" s ON s.id = rs."seatId"
    WHERE rs."showtimeId" = p_showtime AND rs."seatId" = ANY(p_seats) AND rs.live
      AND r."userId" IS DISTINCT FROM p_user
      AND marquee_is_live(r.status, r."holdExpiresAt", p_at);
    IF jsonb_array_length(taken) > 0 THEN
      RETURN jsonb_build_object('outcome', 'TAKEN', 'seats', taken);
    END IF;
  END IF;

  -- FOR SHARE: a concurrent cancellation of the showtime waits for this hold.
  SELECT s.id, s."hallId", s.status, s."startsAt", s.currency, s."priceStandard", s."pricePremium",
         s."priceWheelchair", s."priceCompanion"
  INTO st FROM "Showtime" s WHERE s.id = p_showtime FOR SHARE;
  IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'NO_SHOWTIME'); END IF;
  refusal := marquee_sale_refusal(st.status, st."startsAt", p_at, p_cutoff_minutes);
  IF refusal IS NOT NULL THEN RETURN jsonb_build_object('outcome', refusal); END IF;

  SELECT count(*), coalesce(sum(CASE s.kind
      WHEN 'PREMIUM' THEN st."pricePremium"
      WHEN 'WHEELCHAIR' THEN st."priceWheelchair"
      WHEN 'COMPANION' THEN st."priceCompanion"
      ELSE st."priceStandard" END), 0)
  INTO known, total_price
  FROM "Seat" s WHERE s.id = ANY(p_seats) AND s."hallId" = st."hallId";
  IF known <> cardinality(p_seats) THEN
    RETURN jsonb_build_object('outcome', 'FOREIGN_SEATS', 'seatIds', (
      SELECT jsonb_agg(x.id ORDER BY x.n) FROM unnest(p_seats) WITH ORDINALITY AS x(id, n)
      WHERE NOT EXISTS (SELECT 1 FROM "Seat" s WHERE s.id = x.id AND s."hallId" = st."hallId")));
  END IF;

  -- Lapsed holds never block anyone: end those on these seats, and the user's own lapsed
  -- hold for the showtime (the one-hold-per-user index would refuse a new one).
  PERFORM marquee_end_reservations(ARRAY(
      SELECT rs."reservationId" FROM "ReservationSeat" rs
      WHERE rs."showtimeId" = p_showtime AND rs."seatId" = ANY(p_seats) AND rs.live
      UNION
      SELECT r.id FROM "Reservation" r
      WHERE r."userId" = p_user AND r."showtimeId" = p_showtime AND r.status = 'HELD'),
    'EXPIRED', p_at);

  SELECT r.id INTO current_id FROM "Reservation" r
  WHERE r."userId" = p_user AND r."showtimeId" = p_showtime AND r.status = 'HELD'
    AND marquee_is_live(r.status, r."holdExpiresAt", p_at)
  ORDER BY r."createdAt" DESC LIMIT 1 FOR UPDATE;

  -- The cap counts every live seat of the account for the showtime but the hold replaced.
  SELECT count(*) INTO already
  FROM "ReservationSeat" rs JOIN "Reservation" r ON r.id = rs."reservationId"
  WHERE r."userId" = p_user AND r."showtimeId" = p_showtime
    AND rs."showtimeId" = p_showtime AND rs.live
    AND r.id IS DISTINCT FROM current_id AND marquee_is_live(r.status, r."holdExpiresAt", p_at);
  IF already + cardinality(p_seats) > p_max_per_showtime THEN
    RETURN jsonb_build_object('outcome', 'SEAT_LIMIT', 'alreadyHeld', already);
  END IF;

  taken := marquee_taken_labels(p_showtime, p_seats, current_id, p_at);
  IF jsonb_array_length(taken) > 0 THEN
    RETURN jsonb_build_object('outcome', 'TAKEN', 'seats', taken);
  END IF;

  BEGIN
    IF current_id IS NULL THEN
      reservation := p_new_id;
      INSERT INTO "Reservation" (id, code, "userId", "showtimeId", status, "holdExpiresAt",
        total, currency, "idempotencyKey", "createdAt", "updatedAt")
      VALUES (p_new_id, p_code, p_user, p_showtime, 'HELD',
        p_at + make_interval(mins => p_hold_minutes), total_price, st.currency, p_key, p_at, p_at);
    ELSE
      reservation := current_id;
      DELETE FROM "ReservationSeat" WHERE "reservationId" = current_id;
      UPDATE "Reservation" SET total = total_price,
        "holdExpiresAt" = least("holdExpiresAt", p_at + make_interval(mins => p_hold_minutes)),
        "updatedAt" = p_at, "idempotencyKey" = coalesce(p_key, "idempotencyKey")
      WHERE id = current_id;
    END IF;
    -- In seat-id order: racers for overlapping seats lock them in the same order.
    INSERT INTO "ReservationSeat" (id, "reservationId", "showtimeId", "hallId", "seatId", price, live)
    SELECT gen_random_uuid(), reservation, p_showtime, st."hallId", s.id, CASE s.kind
        WHEN 'PREMIUM' THEN st."pricePremium"
        WHEN 'WHEELCHAIR' THEN st."priceWheelchair"
        WHEN 'COMPANION' THEN st."priceCompanion"
        ELSE st."priceStandard" END, true
    FROM "Seat" s WHERE s.id = ANY(p_seats) ORDER BY s.id;
  EXCEPTION WHEN unique_violation THEN
    GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME;
    IF violated = 'Reservation_userId_idempotencyKey_key' THEN
      -- The same key, sent in parallel for another showtime, won.
      RETURN jsonb_build_object('outcome', 'KEY_REUSED');
    END IF;
    IF violated IS DISTINCT FROM 'ReservationSeat_live_key' THEN RAISE; END IF;
    -- Someone else's seats went live between the check and the insert (they committed).
    RETURN jsonb_build_object('outcome', 'TAKEN',
      'seats', marquee_taken_labels(p_showtime, p_seats, current_id, p_at));
  END;
  RETURN jsonb_build_object('outcome', 'OK', 'reservation', marquee_reservation_json(reservation));
END;
$$;

-- reservation.confirm in one call: HELD (or EXPIRED, its seats taken back if still free) ->
-- CONFIRMED. Answers OK (+ reservation), NOT_FOUND, CANCELLED, SHOWTIME_CANCELLED,
-- SALES_CLOSED, or HOLD_EXPIRED (+ seats lost). Someone else's reservation is NOT_FOUND.
CREATE FUNCTION marquee_confirm(p_reservation uuid, p_user uuid, p_at timestamptz, p_cutoff_minutes int)
RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  r record;
  refusal text;
  violated text;
BEGIN
  SELECT res.id, res."userId", res.status, res."showtimeId", s.status AS showtime_status, s."startsAt"
  INTO r FROM "Reservation" res JOIN "Showtime" s ON s.id = res."showtimeId"
  WHERE res.id = p_reservation FOR UPDATE OF res;
  IF NOT FOUND OR r."userId" IS DISTINCT FROM p_user THEN
    RETURN jsonb_build_object('outcome', 'NOT_FOUND');
  END IF;
  IF r.status = 'CONFIRMED' THEN
    RETURN jsonb_build_object('outcome', 'OK', 'reservation', marquee_reservation_json(r.id));
  END IF;
  IF r.status = 'CANCELLED' THEN RETURN jsonb_build_object('outcome', 'CANCELLED'); END IF;
  refusal := marquee_sale_refusal(r.showtime_status, r."startsAt", p_at, p_cutoff_minutes);
  IF refusal IS NOT NULL THEN RETURN jsonb_build_object('outcome', refusal); END IF;
  BEGIN
    -- Re-marking the seats live is what lets the index refuse a lapsed hold whose seats sold.
    UPDATE "ReservationSeat" SET live = true WHERE "reservationId" = r.id AND NOT live;
    UPDATE "Reservation" SET status = 'CONFIRMED', "confirmedAt" = p_at,
      "holdExpiresAt" = NULL, "updatedAt" = p_at
    WHERE id = r.id;
  EXCEPTION WHEN unique_violation THEN
    GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME;
    IF violated IS DISTINCT FROM 'ReservationSeat_live_key' THEN RAISE; END IF;
    RETURN jsonb_build_object('outcome', 'HOLD_EXPIRED', 'seats', marquee_taken_labels(
      r."showtimeId", ARRAY(SELECT "seatId" FROM "ReservationSeat" WHERE "reservationId" = r.id),
      r.id, p_at));
  END;
  RETURN jsonb_build_object('outcome', 'OK', 'reservation', marquee_reservation_json(r.id));
END;
$$;

-- reservation.cancel in one call, by its owner or (p_any_owner) an admin, before the show
-- starts. Answers OK (+ reservation), NOT_FOUND, NOT_LIVE (+ reservation) or STARTED.
CREATE FUNCTION marquee_cancel(p_reservation uuid, p_user uuid, p_any_owner boolean, p_at timestamptz)
RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  r record;
BEGIN
  SELECT res.id, res."userId", res.status, res."holdExpiresAt", s."startsAt"
  INTO r FROM "Reservation" res JOIN "Showtime" s ON s.id = res."showtimeId"
  WHERE res.id = p_reservation FOR UPDATE OF res;
  IF NOT FOUND OR (r."userId" IS DISTINCT FROM p_user AND NOT p_any_owner) THEN
    RETURN jsonb_build_object('outcome', 'NOT_FOUND');
  END IF;
  IF NOT marquee_is_live(r.status, r."holdExpiresAt", p_at) THEN
    RETURN jsonb_build_object('outcome', 'NOT_LIVE', 'reservation', marquee_reservation_json(r.id));
  END IF;
  IF p_at >= r."startsAt" THEN RETURN jsonb_build_object('outcome', 'STARTED'); END IF;
  PERFORM marquee_end_reservations(ARRAY[r.id], 'CANCELLED', p_at);
  RETURN jsonb_build_object('outcome', 'OK', 'reservation', marquee_reservation_json(r.id));
END;
$$;
