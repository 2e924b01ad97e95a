-- Change notifications for the servers' session caches. Ending a session (logout, a
-- password change ending the others, expiry) sends NOTIFY marquee_session 'session:<id>';
-- a change to an account (role, password, name, e-mail) or its deletion sends 'user:<id>'.
-- Delivered on commit to every server process, whatever code path wrote, so a revoked
-- session is refused everywhere at once rather than when a cache entry runs out.

CREATE FUNCTION marquee_notify_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'Session' THEN
    PERFORM pg_notify('marquee_session', 'session:' || OLD.id);
  ELSE
    PERFORM pg_notify('marquee_session', 'user:' || OLD.id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Session_notify_ended"
  AFTER DELETE ON "Session"
  FOR EACH ROW EXECUTE FUNCTION marquee_notify_session();

CREATE TRIGGER "User_notify_changed"
  AFTER UPDATE OF role, "passwordHash", email, name OR DELETE ON "User"
  FOR EACH ROW EXECUTE FUNCTION marquee_notify_session();
