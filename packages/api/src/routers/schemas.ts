// Zod schemas the routers share (and the web app may reuse for its forms).
import { z } from "zod";
import { isValidLocalDate } from "@marquee/domain";

export const ZId = z.uuid({ error: "must be a valid id" });

/** A cinema-local calendar date. */
export const ZLocalDate = z
  .string()
  .refine(isValidLocalDate, { error: "must be a date as YYYY-MM-DD" });

/** An ISO 8601 instant with an offset or Z, e.g. 2026-03-28T20:30:00+01:00. */
export const ZInstant = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time with an offset" })
  .transform((value) => new Date(value));

/** An opaque position from a previous page's nextCursor (services/pagination.ts). */
export const ZCursor = z
  .string()
  .min(1, { error: "must be a cursor from a previous page" })
  .max(512, { error: "must be a cursor from a previous page" });

export const ZLimit = z
  .number()
  .int({ error: "must be a whole number" })
  .min(1, { error: "must be at least 1" })
  .max(100, { error: "must be at most 100" })
  .default(50);

/** The one page input every list takes; lists extend it with their filters. */
export const ZPageInput = z.object({ cursor: ZCursor.optional(), limit: ZLimit });
