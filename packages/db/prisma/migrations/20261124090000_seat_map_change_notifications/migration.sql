-- Change notifications for the servers' seat-map caches. Every change that can alter a
-- showtime's seat map sends NOTIFY marquee_seatmap with 'showtime:<id>' (or 'hall:<id>' for
-- seats), delivered on commit to every server process; PostgreSQL folds duplicates within
-- a transaction. Triggers keep this in one place, whatever code path writes.

CREATE FUNCTION marquee_notify_seatmap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_data record;
BEGIN
  IF TG_OP = 'DELETE' THEN row_data := OLD; ELSE row_data := NEW; END IF;
  IF TG_TABLE_NAME = 'Showtime' THEN
    PERFORM pg_notify('marquee_seatmap', 'showtime:' || row_data.id);
  ELSIF TG_TABLE_NAME = 'Seat' THEN
    PERFORM pg_notify('marquee_seatmap', 'hall:' || row_data."hallId");
  ELSE
    PERFORM pg_notify('marquee_seatmap', 'showtime:' || row_data."showtimeId");
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "ReservationSeat_notify_seatmap"
  AFTER INSERT OR UPDATE OR DELETE ON "ReservationSeat"
  FOR EACH ROW EXECUTE FUNCTION marquee_notify_seatmap();

CREATE TRIGGER "Reservation_notify_seatmap"
  AFTER UPDATE OF status, "holdExpiresAt", "userId" OR DELETE ON "Reservation"
  FOR EACH ROW EXECUTE FUNCTION marquee_notify_seatmap();

CREATE TRIGGER "Showtime_notify_seatmap"
  AFTER UPDATE OR DELETE ON "Showtime"
  FOR EACH ROW EXECUTE FUNCTION marquee_notify_seatmap();

CREATE TRIGGER "Seat_notify_seatmap"
  AFTER INSERT OR UPDATE OR DELETE ON "Seat"
  FOR EACH ROW EXECUTE FUNCTION marquee_notify_seatmap();
