-- The auth throttle's one call (packages/api/src/services/auth/throttle.ts takeSlots): takes
-- one attempt slot in every given bucket, or none. It runs as a single statement, so no pooled
-- connection waits inside an interactive transaction for a bucket's lock.
--
-- Each bucket (kind, key) is serialised by a transaction-scoped advisory lock, held until the
-- statement's transaction commits: attempts on one bucket queue, and each counts the ones
-- committed before it, so N parallel attempts never take more than the limit. Locks are taken
-- in one order (by their hash), so callers naming the same buckets never deadlock.
--
-- A bucket is full when it already holds `max` attempts inside its window. Answers 0 when the
-- slots were taken (one row per bucket, with the given ids); else takes nothing and answers the
-- seconds (at least 1) until every full bucket frees a slot: its max-th newest attempt leaves
-- the window. The buckets of one call must be distinct.
CREATE FUNCTION marquee_take_auth_slots(
  ids uuid[], kinds "AuthAttemptKind"[], keys text[], maxes integer[], windows_ms bigint[],
  at_time timestamptz)
RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  lock_key bigint;
  window_size interval;
  nth_newest timestamptz;
  wait interval := interval '0';
  is_full boolean := false;
BEGIN
  IF cardinality(ids) IS DISTINCT FROM cardinality(kinds)
     OR cardinality(ids) IS DISTINCT FROM cardinality(keys)
     OR cardinality(ids) IS DISTINCT FROM cardinality(maxes)
     OR cardinality(ids) IS DISTINCT FROM cardinality(windows_ms) THEN
    RAISE EXCEPTION 'marquee_take_auth_slots: ids, kinds, keys, maxes and windows_ms differ in length';
  END IF;

  FOR lock_key IN
    SELECT DISTINCT hashtextextended(b.kind::text || ':' || b.key, 0)
    FROM unnest(kinds, keys) AS b(kind, key) ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(lock_key);
  END LOOP;

  FOR i IN 1 .. coalesce(cardinality(ids), 0) LOOP
    window_size := windows_ms[i] * interval '1 millisecond';
    IF maxes[i] < 1 THEN
      is_full := true;
      wait := greatest(wait, window_size);
      CONTINUE;
    END IF;
    SELECT a."createdAt" INTO nth_newest FROM "AuthAttempt" a
    WHERE a.kind = kinds[i] AND a.key = keys[i] AND a."createdAt" > at_time - window_size
    ORDER BY a."createdAt" DESC OFFSET maxes[i] - 1 LIMIT 1;
    IF FOUND THEN
      is_full := true;
      wait := greatest(wait, nth_newest + window_size - at_time);
    END IF;
  END LOOP;

  IF is_full THEN
    RETURN greatest(1, ceil(extract(epoch FROM wait)))::integer;
  END IF;
  INSERT INTO "AuthAttempt" (id, kind, key, "createdAt")
  SELECT b.id, b.kind, b.key, at_time FROM unnest(ids, kinds, keys) AS b(id, kind, key);
  RETURN 0;
END;
$$;
