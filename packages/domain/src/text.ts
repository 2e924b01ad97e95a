// What Marquee accepts as text people type, and which years it accepts at all: the input
// schemas and the cursor codec both ask here, so a cursor can never carry what a field may not.

/* eslint-disable no-control-regex -- finding control characters is the point */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_NEWLINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */
// Without the u flag a regex sees UTF-16 code units, so it can find unpaired halves.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** No lone UTF-16 surrogate: not Unicode at all, and PostgreSQL cannot store it. */
export const isWellFormedText = (value: string) => !LONE_SURROGATE.test(value);

/**
 * No control characters (U+0000 cannot even be stored); `multiline` lets line breaks and
 * tabs through.
 */
export const hasNoControlCharacters = (value: string, options: { multiline?: boolean } = {}) =>
  !(options.multiline ? CONTROL_BUT_NEWLINES : CONTROL).test(value);

/** Both rules: text a person could have typed. */
export const isPlainText = (value: string, options: { multiline?: boolean } = {}) =>
  isWellFormedText(value) && hasNoControlCharacters(value, options);

/** Dates and instants Marquee accepts: anything else is a typo or an attack. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const isAcceptedYear = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

/**
 * The words of a search, as the catalogue compares them: lower case, accents dropped, any
 * run of punctuation or spaces a separator ("Lighthouse-Keepers'" -> ["lighthouse",
 * "keepers"]). The SQL side (services/catalog/search-sql.ts) folds the stored text the same
 * way, so "lighthouse keepers" finds "The Lighthouse Keepers" and "Amélie" finds "amelie".
 */
export function searchWords(query: string): string[] {
  return query
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
