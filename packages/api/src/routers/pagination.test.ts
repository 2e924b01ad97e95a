// Every list takes the same page input and refuses cursors it did not make, with a 400 that
// names the cursor (never a 500, whatever the cursor hides).
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { encodeCursor } from "../services/pagination";
import { fieldErrors, rejection } from "../test/assertions";
import { callerFor, createUser } from "../test/factories";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const UUID = "0190f0f0-0000-7000-8000-000000000000";

const FORGED = [
  "not-a-cursor",
  b64(["Title", "not-a-uuid"]),
  b64(["Title", "1 OR 1=1"]),
  b64({ key: "Title", id: UUID }),
  b64(["x".repeat(400), UUID]),
  b64([42, UUID]),
  "%%%",
  // Found by the fuzz suite (fuzz.test.ts) as a guest on movie.list and an admin on
  // user.list: a NUL in the key reached PostgreSQL and came back as a 500.
  b64(["\u0000", "00000000-0000-1000-8000-000000000000"]),
  b64(["Du\u0000ne", UUID]),
  b64(["A\ud800", UUID]),
];

describeEachDatabase("pagination", (getDb) => {
  it("refuses forged cursors on every list with a 400 naming the cursor", async () => {
    const db = getDb().prisma;
    const admin = callerFor(db, await createUser(db, { role: "ADMIN" }));
    const lists: [string, (cursor: string) => Promise<unknown>][] = [
      ["movie.list", (cursor) => admin.movie.list({ cursor })],
      ["showtime.list", (cursor) => admin.showtime.list({ cursor })],
      ["user.list", (cursor) => admin.user.list({ cursor })],
      ["reservation.mine", (cursor) => admin.reservation.mine({ cursor })],
      ["reservation.list", (cursor) => admin.reservation.list({ cursor })],
    ];
    for (const [name, list] of lists) {
      for (const cursor of FORGED) {
        const error = await rejection(list(cursor));
        expect(error.code, `${name} ${cursor}`).toBe("BAD_REQUEST");
        // The service names it in the message; the schema (length) in the field errors.
        const named = /^cursor: /.test(error.message) || "cursor" in fieldErrors(error);
        expect(named, `${name} ${cursor}: ${error.message}`).toBe(true);
      }
    }
    // A well-formed cursor whose key is not an instant is refused by the showtime list, and
    // so is an instant in a year PostgreSQL or Marquee does not have (year 0 was a 500).
    for (const key of [
      "yesterday",
      "0000-01-01T00:00:00Z",
      "0000-01-01T00:00:00-01:00",
      "9999-12-31T23:59:59.999Z",
    ]) {
      const cursor = encodeCursor({ key, id: UUID });
      expect((await rejection(admin.showtime.list({ cursor }))).code, key).toBe("BAD_REQUEST");
    }
    // An empty or overlong cursor is refused by the schema, naming the field.
    for (const cursor of ["", "a".repeat(600)]) {
      expect(fieldErrors(await rejection(admin.movie.list({ cursor })))).toHaveProperty("cursor");
    }
  });

  it("pages every list the same way: limit items, then a cursor, then the rest", async () => {
    const db = getDb().prisma;
    const admin = callerFor(db, await createUser(db, { role: "ADMIN" }));
    const tag = `pg-${Date.now()}`;
    for (const n of [1, 2, 3]) {
      await db.user.create({
        data: { email: `${tag}-${n}@example.com`, name: tag, passwordHash: "x" },
      });
    }
    const first = await admin.user.list({ query: tag, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await admin.user.list({ query: tag, limit: 2, cursor: first.nextCursor ?? "" });
    expect(rest).toMatchObject({ items: [{ email: `${tag}-3@example.com` }], nextCursor: null });
  });
});
