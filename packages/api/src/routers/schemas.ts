// Zod schemas the routers share (and the web app may reuse for its forms).
import { z } from "zod";
import {
  hasNoControlCharacters,
  isAcceptedYear,
  isValidLocalDate,
  isWellFormedText,
  MAX_YEAR,
  MIN_YEAR,
} from "@marquee/domain";

export const ZId = z.uuid({ error: "must be a valid id" });

// Text people type never holds control characters (U+0000 cannot even be stored) or lone
// UTF-16 surrogates (not Unicode at all); both are refused with a message, never a 500.
/** Refinements every free-text field gets; `multiline` lets line breaks and tabs through. */
export function plainText<T extends z.ZodString>(schema: T, options: { multiline?: boolean } = {}) {
  return schema
    .refine(isWellFormedText, { error: "contains a character that is not valid text" })
    .refine((v) => hasNoControlCharacters(v, options), {
      error: "must not contain control characters",
    });
}

/** Trimmed free text of at most `max` characters. */
export const ZText = (max: number, options: { multiline?: boolean } = {}) =>
  plainText(
    z
      .string()
      .trim()
      .max(max, { error: `must be at most ${max} characters` }),
    options,
  );

const RANGE_ERROR = `must be between the years ${MIN_YEAR} and ${MAX_YEAR}`;

/** A cinema-local calendar date. */
export const ZLocalDate = z
  .string()
  .refine(isValidLocalDate, { error: "must be a date as YYYY-MM-DD", abort: true })
  .refine((v) => isAcceptedYear(Number(v.slice(0, 4))), { error: RANGE_ERROR });

/** An ISO 8601 instant with an offset or Z, e.g. 2026-03-28T20:30:00+01:00. */
export const ZInstant = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time with an offset" })
  .transform((value) => new Date(value))
  .refine((d) => isAcceptedYear(d.getUTCFullYear()), { error: RANGE_ERROR });

/** An opaque position from a previous page's nextCursor (services/pagination.ts). */
export const ZCursor = plainText(
  z
    .string()
    .min(1, { error: "must be a cursor from a previous page" })
    .max(512, { error: "must be a cursor from a previous page" }),
);

/** A search box: trimmed, short, plain. */
export const ZQuery = ZText(200);

export const ZLimit = z
  .number()
  .int({ error: "must be a whole number" })
  .min(1, { error: "must be at least 1" })
  .max(100, { error: "must be at most 100" })
  .default(50);

/** The one page input every list takes; lists extend it with their filters. */
export const ZPageInput = z.object({ cursor: ZCursor.optional(), limit: ZLimit });
