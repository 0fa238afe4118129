// LIKE patterns with one meaning on both databases: `%` any run of characters, `_` one character,
// `\` makes the next character literal (PostgreSQL's default escape character), letters compared
// case-insensitively (as ILIKE does). PostgreSQL evaluates them itself (ILIKE); on SQLite the
// built-in two-argument LIKE has no escape character, so lib/db/sqlite-functions.ts replaces it
// with `likeMatches` below. Pure: no I/O.

/** `text` with LIKE's wildcards and the escape character escaped, so a pattern matches it literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The characters a `u`-flag regular expression needs escaped (and may escape) outside a class. */
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

/** The anchored, case-insensitive regular expression for a LIKE pattern (a trailing lone `\` is literal). */
function compile(pattern: string): RegExp {
  let source = "";
  const chars = [...pattern.toLowerCase()];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "\\" && i + 1 < chars.length) source += chars[++i].replace(REGEX_SPECIAL, "\\$&");
    else if (c === "%") source += "[^]*";
    else if (c === "_") source += ".";
    else source += c.replace(REGEX_SPECIAL, "\\$&");
  }
  return new RegExp(`^${source}$`, "su");
}

const cache = new Map<string, RegExp>();
const CACHE_SIZE = 256;

/**
 * Whether `value` matches the LIKE `pattern` (semantics above; both compared lower-cased, so
 * Unicode letters fold too). Compiled patterns are cached (the last 256), as SQLite calls this once
 * per row with the same pattern.
 */
export function likeMatches(pattern: string, value: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    re = compile(pattern);
    cache.set(pattern, re);
  }
  return re.test(value.toLowerCase());
}
