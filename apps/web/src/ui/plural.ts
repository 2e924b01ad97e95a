// Counted words through Intl.PluralRules, so "1 minute", "2 minutes", "0 seats" come out right
// (and other locales' plural categories would too).
import { LOCALE } from "./format";

const rules = new Intl.PluralRules(LOCALE);

export type PluralForms = { one: string; other: string } & Partial<
  Record<Intl.LDMLPluralRule, string>
>;

/** The word for `count` (without the number), e.g. (1, {one: "seat", other: "seats"}) -> "seat". */
export function pluralWord(count: number, forms: PluralForms): string {
  return forms[rules.select(count)] ?? forms.other;
}

/** The count and its word: (1, {one: "minute", other: "minutes"}) -> "1 minute". */
export function plural(count: number, forms: PluralForms): string {
  return `${count} ${pluralWord(count, forms)}`;
}
