// One pagination contract for every list: a page input (cursor + limit), a Page<T>, and one
// cursor codec. Cursors are opaque keyset positions (the sort key and the id of the last row
// of a page), so the next page starts strictly after it and rows inserted meanwhile neither
// shift nor repeat it. A cursor the server did not make is a 400 naming the cursor.
import { isAcceptedYear, isPlainText } from "@marquee/domain";
import { AppError } from "../errors";

export type Page<T> = { items: T[]; nextCursor: string | null };
export type PageInput = { cursor?: string | undefined; limit: number };
export type Cursor = { key: string; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A sort key is a title, an e-mail or an instant: anything longer was not made here.
const MAX_KEY_LENGTH = 300;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), "utf8").toString("base64url");
}

function invalidCursor(): AppError {
  return new AppError("INVALID", "cursor: This cursor is not valid; start again from page one", {
    reason: "INVALID_FIELD",
    field: "cursor",
  });
}

function parse(token: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [key, id] = value as unknown[];
    if (typeof key !== "string" || typeof id !== "string") return null;
    if (key.length > MAX_KEY_LENGTH || !UUID.test(id)) return null;
    // Keys are titles, e-mails and instants, all plain text: a NUL would reach PostgreSQL.
    if (!isPlainText(key)) return null;
    return { key, id };
  } catch {
    return null;
  }
}

/**
 * The position inside a cursor. `key` checks the sort key's form (e.g. an instant) and may
 * turn it into the value the query compares with; anything off is INVALID for "cursor".
 */
export function decodeCursor<K = string>(
  token: string,
  key: (raw: string) => K | null = (raw) => raw as K,
): { key: K; id: string } {
  const cursor = parse(token);
  const parsed = cursor ? key(cursor.key) : null;
  if (!cursor || parsed === null) throw invalidCursor();
  return { key: parsed, id: cursor.id };
}

/**
 * An instant sort key (ISO string), or null when it is not one. Only years Marquee accepts:
 * PostgreSQL has no year 0, and no showtime is ever stored outside them.
 */
export const instantKey = (raw: string): Date | null => {
  const at = new Date(raw);
  return /^\d{4}-\d{2}-\d{2}T/.test(raw) &&
    !Number.isNaN(at.getTime()) &&
    isAcceptedYear(at.getUTCFullYear())
    ? at
    : null;
};

/** Cuts the limit+1 rows a query fetched into a page and the cursor after it. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  cursorOf: (row: R) => Cursor,
): Page<T> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null,
  };
}
