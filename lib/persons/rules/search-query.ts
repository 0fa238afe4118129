// Person search, the pure part: how stored text becomes index terms and how a typed query becomes
// a plan. Both sides go through the same normaliser, so "Joao" finds "João", a composed name finds
// its decomposed twin, full-width letters find ASCII and decomposed Hangul finds the syllables.
//
// The index (table "PersonSearchTerm", filled by database triggers: on SQLite they call
// `omni_search_terms` = `personSearchTerms`/`identitySearchTerms` below, registered on every
// connection by lib/db/sqlite-functions.ts; on PostgreSQL the SQL twin `omni_search_norm` of the
// migration 20261130141033_person_search_terms) holds one row per term: the whole normalised name,
// each of its words, the email, the phone's digits, and each identity's username and platform id;
// "PersonSearchDoc" (migration 20261130210250_person_search_docs) holds a person's own terms in one
// document, each after a newline, for one trigram lookup of all the words of a name.
//
// No import of server-only: the SQLite connection setup, the migration runner and the benchmarks use it.

/**
 * Combining diacritical marks (U+0300–036F, 1AB0–1AFF, 1DC0–1DFF, 20D0–20FF, FE20–FE2F). Written
 * as ranges rather than \p{M} so that PostgreSQL's regex (no \p classes) strips exactly the same
 * characters; scripts whose vowels are marks (Devanagari, …) and kana voicing marks are kept.
 */
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
/** Phone-looking input: digits with the usual separators, nothing else. */
const PHONE_LIKE = /^[+(]*\d[\d\s().\-/]*$/;
/** Characters that make a query searchable: a letter or a digit in any script. */
const SEARCHABLE = /[\p{L}\p{N}]/u;
/** Shortest query matched as a substring (the trigram length); shorter ones match prefixes. */
export const SUBSTRING_MIN = 3;
/** Fewest digits in a phone-looking query to be searched as digits (else it is plain text). */
export const PHONE_MIN_DIGITS = 3;
const MAX_TERM = 200;

/**
 * The search form of a text: NFKC, lower case, diacritics removed (NFD, marks dropped, NFC again,
 * which also recomposes Hangul), whitespace runs to one space, trimmed. "" for null/blank.
 */
export function normalizeSearchText(text: string | null | undefined): string {
  if (!text) return "";
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(DIACRITICS, "")
    .normalize("NFC")
    .replace(/\s+/gu, " ")
    .trim()
    .slice(0, MAX_TERM);
}

/** Only the digits (ASCII 0–9 after NFKC) of a text: a phone number's searchable form. */
export function phoneDigits(text: string | null | undefined): string {
  return (text ?? "").normalize("NFKC").replace(/\D/g, "");
}

export type SearchTerm = [field: "name" | "word" | "email" | "phone" | "username" | "userid", term: string];

/** Index terms of a person: whole name, each name word (when several), email, phone digits. */
export function personSearchTerms(name: string | null, phone: string | null, email: string | null): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const n = normalizeSearchText(name);
  if (n) {
    terms.push(["name", n]);
    const words = n.split(" ");
    if (words.length > 1) for (const w of new Set(words)) terms.push(["word", w]);
  }
  const e = normalizeSearchText(email);
  if (e) terms.push(["email", e]);
  const d = phoneDigits(phone);
  if (d) terms.push(["phone", d]);
  return terms;
}

/** Index terms of a platform identity: username and platform user id. */
export function identitySearchTerms(username: string | null, userId: string | null): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const u = normalizeSearchText(username);
  if (u) terms.push(["username", u]);
  const id = normalizeSearchText(userId);
  if (id) terms.push(["userid", id]);
  return terms;
}

/** One word of a query: `term` normalised (SQLite), `raw` for PostgreSQL's own normaliser. */
export type SearchWord = { term: string; raw: string; substring: boolean };

/**
 * What a typed query asks for:
 * - `none`: nothing searchable (no letter or digit: "😀", "★", "*", "---", "%", "_") → no rows;
 * - `match`: persons having, for every word, a term that contains it (a word of 3+ characters:
 *   trigram index) or starts with it (shorter: "王伟", "li"); `full` is the whole normalised
 *   query, for the ranking (a term equal to it: exact; starting with it: prefix).
 * Phone-looking input is one word of its digits, a leading trunk "0" dropped ("0170 9971 3206"
 * → "17099713206", found inside "4917099713206"), and a leading "00" (international prefix) too.
 * A leading "@" of a word (a handle) is dropped. At most 8 words.
 * `raw` fields are for PostgreSQL, which normalises them with its twin of the normaliser.
 */
export type SearchPlan =
  | { kind: "none" }
  | { kind: "match"; full: string; raw: string; words: SearchWord[]; digits: boolean };

const MAX_WORDS = 8;

export function planSearch(input: string | null | undefined): SearchPlan {
  const raw = (input ?? "").normalize("NFKC").trim();
  if (!SEARCHABLE.test(raw)) return { kind: "none" };
  if (PHONE_LIKE.test(raw)) {
    const all = phoneDigits(raw);
    const digits = raw.startsWith("+") ? all : all.replace(/^00?/, "");
    if (digits.length >= PHONE_MIN_DIGITS) {
      return { kind: "match", full: digits, raw: digits, words: [{ term: digits, raw: digits, substring: true }], digits: true };
    }
  }
  const words = raw
    .split(/\s+/u)
    .map((w) => (w.length > 1 && w.startsWith("@") ? w.slice(1) : w))
    .map((w) => ({ raw: w, term: normalizeSearchText(w) }))
    .filter((w) => SEARCHABLE.test(w.term))
    .slice(0, MAX_WORDS)
    .map((w) => ({ ...w, substring: [...w.term].length >= SUBSTRING_MIN }));
  if (!words.length) return { kind: "none" };
  const single = words.length === 1;
  return { kind: "match", full: single ? words[0].term : normalizeSearchText(raw), raw: single ? words[0].raw : raw, words, digits: false };
}

/** An FTS5 MATCH string for `text` as one literal phrase (double quotes doubled). */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
