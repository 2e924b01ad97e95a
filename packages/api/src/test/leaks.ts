// What must never reach a client, in a procedure's error or any HTTP answer: SQL, Prisma,
// stacks, file paths, driver codes and wording, JavaScript errors, constraint names. Shared by
// the API's fuzz suite and the host's HTTP fuzz ("@marquee/api/testing/leaks").
import { type PrismaClient } from "@marquee/db";

const LEAKS: [string, RegExp][] = [
  ["Prisma", /prisma|invocation/i],
  ["SQL", /\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM|WHERE|RETURNING)\b|SQLSTATE|\$\d+::/],
  ["a stack", /"stack"|\bat (?:async )?\S+ \(\S+:\d+:\d+\)|\bat (?:file:\/\/)?\/\S+:\d+:\d+/],
  ["a file path", /node_modules|file:\/\/|\/(?:[\w.@-]+\/)+[\w.-]+\.(?:ts|js|mjs|cjs)\b/],
  [
    "a driver code",
    /\b(?:P[12]\d{3}|23505|23503|23P01|22P02|22P05|22007|22008|22021|40001|40P01|42P01|42703|54000)\b/,
  ],
  [
    "database wording",
    /violates|relation "|column "|duplicate key|invalid input syntax|out of range for type|byte sequence|encoding "UTF8"|unterminated/i,
  ],
  [
    "a JavaScript error",
    /TypeError|ReferenceError|RangeError|Cannot read propert|is not a function/,
  ],
];

/** What of the above `text` holds, or null. `constraints` are names from the database. */
export function leakIn(text: string, constraints: readonly string[] = []): string | null {
  for (const [what, pattern] of LEAKS) if (pattern.test(text)) return `${what} (${pattern})`;
  const name = constraints.find((c) => text.includes(c));
  return name ? `the constraint or index name ${name}` : null;
}

/** Constraint and index names of the current schema ("Showtime_no_overlap", "User_pkey"). */
export async function constraintNamesOf(db: PrismaClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT conname AS name FROM pg_constraint c
      JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema()
    UNION SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`;
  return rows.map((r) => r.name);
}
