// The catalogue search in SQL: a film matches when every word of the query appears in its
// title or description, folded like @marquee/domain's searchWords (case, accents,
// punctuation), so the two sides always agree.
import { Prisma } from "@marquee/db";
import { searchWords } from "@marquee/domain";

/** Accented Latin letters (U+00C0–U+017F) and their plain lower-case letter, for translate(). */
const FOLD = (() => {
  let from = "";
  let to = "";
  for (let code = 0xc0; code <= 0x17f; code += 1) {
    const char = String.fromCharCode(code);
    const [base] = searchWords(char);
    if (base && base.length === 1 && base !== char) {
      from += char;
      to += base;
    }
  }
  return { from, to };
})();

/** The folded text of a film (alias `m`), words separated by single spaces. */
const foldedMovie = (m: string) => {
  const alias = Prisma.raw(`"${m}"`);
  return Prisma.sql`' ' || regexp_replace(
    translate(lower(${alias}.title || ' ' || coalesce(${alias}.description, '')), ${FOLD.from}, ${FOLD.to}),
    '[^[:alnum:]]+', ' ', 'g') || ' '`;
};

/** Ids of the films matching every word of `query`; null when the query has no words. */
export function movieSearchSql(query: string): Prisma.Sql | null {
  const words = searchWords(query);
  if (words.length === 0) return null;
  const conditions = words.map((w) => Prisma.sql`${foldedMovie("m")} LIKE ${`%${w}%`}`);
  return Prisma.sql`SELECT m.id FROM "Movie" m WHERE ${Prisma.join(conditions, " AND ")}`;
}
