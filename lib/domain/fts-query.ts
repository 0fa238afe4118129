// Turns what a user types into a safe SQLite FTS5 MATCH expression (pure). Every token is
// reduced to letters/digits and quoted, so no input can produce FTS syntax (or an error):
// "Jane D" → "jane"* AND "d"*; a phone-looking input ("+1 (415) 555-01") becomes one digit
// token "141555501"* so it matches the stored E.164 digits or their national suffix.
const MAX_TOKENS = 8;
const MAX_TOKEN_LENGTH = 64;

export function toFtsQuery(input: string | null | undefined): string | null {
  const text = (input ?? "").normalize("NFKC").toLowerCase().trim();
  if (!text) return null;
  if (/^[\d\s+().\-/]+$/.test(text)) {
    const digits = text.replace(/\D/g, "");
    if (digits.length >= 2) return `"${digits.slice(0, MAX_TOKEN_LENGTH)}"*`;
  }
  const tokens = (text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [])
    .map((t) => t.slice(0, MAX_TOKEN_LENGTH))
    .slice(0, MAX_TOKENS);
  if (!tokens.length) return null;
  return tokens.map((t) => `"${t}"*`).join(" AND ");
}
