// Counted nouns in English by the plural rules of Intl.PluralRules ("1 second", "2 seconds",
// "1 identity", "3 identities"): the one way the app writes "N things", so no "1 seconds".

const rules = new Intl.PluralRules("en-US");
const numbers = new Intl.NumberFormat("en-US");

/** Irregular plurals of the nouns the app counts; anything else takes "s". */
const IRREGULAR: Record<string, string> = { identity: "identities", "active admin": "active admins", person: "persons", entry: "entries", match: "matches" };

/** The plural form of `noun` ("identity" → "identities", "route" → "routes"). */
export function pluralOf(noun: string): string {
  return IRREGULAR[noun] ?? `${noun}s`;
}

/** "1 second", "2 seconds", "1,204 identities": `n` formatted, the noun agreeing with it. */
export function count(n: number, noun: string, plural = pluralOf(noun)): string {
  return `${numbers.format(n)} ${rules.select(n) === "one" ? noun : plural}`;
}

/** Just the noun agreeing with `n` ("identity" or "identities"), for sentences that place the number themselves. */
export function noun(n: number, singular: string, plural = pluralOf(singular)): string {
  return rules.select(n) === "one" ? singular : plural;
}
