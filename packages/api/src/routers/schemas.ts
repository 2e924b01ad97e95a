// Zod schemas the routers share (and the web app may reuse for its forms).
import { z } from "zod";
import { isValidLocalDate } from "@marquee/domain";

export const ZId = z.uuid({ error: "must be a valid id" });

// Text people type never holds control characters (U+0000 cannot even be stored) or lone
// UTF-16 surrogates (not Unicode at all); both are refused with a message, never a 500.
/* eslint-disable no-control-regex -- finding control characters is the point */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_NEWLINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */
// Without the u flag a regex sees UTF-16 code units, so it can find unpaired halves.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Refinements every free-text field gets; `multiline` lets line breaks and tabs through. */
export function plainText<T extends z.ZodString>(schema: T, options: { multiline?: boolean } = {}) {
  const control = options.multiline ? CONTROL_BUT_NEWLINES : CONTROL;
  return schema
    .refine((v) => !LONE_SURROGATE.test(v), {
      error: "contains a character that is not valid text",
    })
    .refine((v) => !control.test(v), { error: "must not contain control characters" });
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

/** Dates and instants Marquee accepts: anything else is a typo or an attack. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const inRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;
const RANGE_ERROR = `must be between the years ${MIN_YEAR} and ${MAX_YEAR}`;

/** A cinema-local calendar date. */
export const ZLocalDate = z
  .string()
  .refine(isValidLocalDate, { error: "must be a date as YYYY-MM-DD", abort: true })
  .refine((v) => inRange(Number(v.slice(0, 4))), { error: RANGE_ERROR });

/** An ISO 8601 instant with an offset or Z, e.g. 2026-03-28T20:30:00+01:00. */
export const ZInstant = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time with an offset" })
  .transform((value) => new Date(value))
  .refine((d) => inRange(d.getUTCFullYear()), { error: RANGE_ERROR });

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
