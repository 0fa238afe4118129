// Turns what a user types into a safe full-text query (pure): SQLite FTS5 MATCH syntax
// (toFtsQuery) or PostgreSQL tsquery syntax (toTsQuery), from the same tokens. Every token is
// reduced to letters/digits, so no input can produce query syntax (or an error):
// "Jane D" → "jane"* AND "d"*  /  'jane':* & 'd':*; a phone-looking input ("+1 (415) 555-01")
// becomes one digit token 141555501 (prefix) so it matches the stored E.164 digits or their
// national suffix.
const MAX_TOKENS = 8;
const MAX_TOKEN_LENGTH = 64;

/** The prefix tokens of a search input (letters/digits only), or null when there are none. */
export function searchTokens(input: string | null | undefined): string[] | null {
  const text = (input ?? "").normalize("NFKC").toLowerCase().trim();
  if (!text) return null;
  if (/^[\d\s+().\-/]+$/.test(text)) {
    const digits = text.replace(/\D/g, "");
    if (digits.length >= 2) return [digits.slice(0, MAX_TOKEN_LENGTH)];
  }
  const tokens = (text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [])
    .map((t) => t.slice(0, MAX_TOKEN_LENGTH))
    .slice(0, MAX_TOKENS);
  return tokens.length ? tokens : null;
}

export function toFtsQuery(input: string | null | undefined): string | null {
  const tokens = searchTokens(input);
  return tokens && tokens.map((t) => `"${t}"*`).join(" AND ");
}

export function toTsQuery(input: string | null | undefined): string | null {
  const tokens = searchTokens(input);
  return tokens && tokens.map((t) => `'${t}':*`).join(" & ");
}
