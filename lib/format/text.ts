// Text as people write it: user-perceived characters (grapheme clusters, Intl.Segmenter) instead of
// UTF-16 code units, so an emoji, a flag, a ZWJ family or a letter with combining marks is never cut
// in half (half a surrogate pair renders as U+FFFD and differs between server and browser HTML).
// Pure and deterministic: the same output on the server and in every browser.

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The grapheme clusters of `text`, in order ("👨‍👩‍👧 é" → ["👨‍👩‍👧", " ", "é"]). */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Number of grapheme clusters in `text` (what a person would count as characters). */
export function graphemeLength(text: string): number {
  return Array.from(segmenter.segment(text)).length;
}

/**
 * `text` cut to at most `max` grapheme clusters (≥ 1), ending in "…" when it was cut (the ellipsis
 * counts as one). Trailing spaces before the ellipsis are dropped. Returns `text` unchanged when short enough.
 */
export function truncateGraphemes(text: string, max: number): string {
  const limit = Math.max(1, Math.floor(max));
  const parts = graphemes(text);
  if (parts.length <= limit) return text;
  return parts.slice(0, limit - 1).join("").trimEnd() + "…";
}

function firstGrapheme(word: string): string {
  for (const s of segmenter.segment(word)) return s.segment;
  return "";
}

/**
 * Up to two initials for an avatar: the first grapheme of the first and last words that start with
 * a letter or digit, upper-cased and NFC-normalised ("🚀 Ana Clara 🇧🇷" → "AC", "josé" → "J",
 * "محمد علي" → "مع"). A name with no such word gives its first grapheme ("🇧🇷" → "🇧🇷");
 * an empty name gives `fallback` ("?").
 */
export function initials(name: string | null | undefined, fallback = "?"): string {
  const text = (name ?? "").normalize("NFC").trim();
  if (!text) return fallback;
  const words = text.split(/[\s._-]+/u).filter(Boolean);
  const named = words.filter((w) => LETTER_OR_DIGIT.test(firstGrapheme(w)));
  if (!named.length) return firstGrapheme(text);
  const picked = named.length > 1 ? [named[0]!, named[named.length - 1]!] : [named[0]!];
  return picked.map((w) => firstGrapheme(w).toLocaleUpperCase("en")).join("");
}
