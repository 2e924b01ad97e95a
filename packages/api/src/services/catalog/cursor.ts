// Opaque keyset cursors: the sort key and the id of the last row of a page, so the next page
// starts strictly after it and rows inserted meanwhile neither shift nor repeat it.

export type Cursor = { key: string; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), "utf8").toString("base64url");
}

/** The cursor inside a token, or null when the token was not made by encodeCursor. */
export function decodeCursor(token: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      typeof value[1] === "string"
    ) {
      return { key: value[0], id: value[1] };
    }
    return null;
  } catch {
    return null;
  }
}

export type Page<T> = { items: T[]; nextCursor: string | null };

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
