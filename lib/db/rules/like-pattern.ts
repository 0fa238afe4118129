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

type Matcher = (lowered: string) => boolean;

/**
 * A matcher for a LIKE pattern (a trailing lone `\` is literal): a plain string test for the shapes
 * literal filters produce (`%text%`, `text%`, `text`), else an anchored regular expression.
 */
function compile(pattern: string): Matcher {
  // Literal runs as strings, wildcards as numbers: ANY (%), ONE (_).
  const ANY = 0;
  const ONE = 1;
  const parts: (string | number)[] = [];
  let lit = "";
  const chars = [...pattern.toLowerCase()];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "\\" && i + 1 < chars.length) lit += chars[++i];
    else if (c === "%" || c === "_") {
      if (lit) parts.push(lit);
      lit = "";
      if (!(c === "%" && parts[parts.length - 1] === ANY)) parts.push(c === "%" ? ANY : ONE);
    } else lit += c;
  }
  if (lit) parts.push(lit);
  const [a, b] = parts;
  const shape = parts.map((x) => (typeof x === "string" ? "t" : x === ANY ? "%" : "_")).join("");
  if (shape === "") return (v) => v === "";
  if (shape === "%") return () => true;
  if (shape === "t") return (v) => v === a;
  if (shape === "t%") return (v) => v.startsWith(a as string);
  if (shape === "%t%") return (v) => v.includes(b as string);
  const source = parts.map((x) => (x === ANY ? "[^]*" : x === ONE ? "." : (x as string).replace(REGEX_SPECIAL, "\\$&"))).join("");
  const re = new RegExp(`^${source}$`, "su");
  return (v) => re.test(v);
}

const cache = new Map<string, Matcher>();
const CACHE_SIZE = 256;
let last: { pattern: string; match: Matcher } | null = null;

/**
 * Whether `value` matches the LIKE `pattern` (semantics above; both compared lower-cased, so
 * Unicode letters fold too). SQLite calls this once per row with the same pattern: the last
 * pattern's matcher is kept at hand and the last 256 are cached.
 */
export function likeMatches(pattern: string, value: string): boolean {
  if (last?.pattern !== pattern) {
    let match = cache.get(pattern);
    if (!match) {
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      match = compile(pattern);
      cache.set(pattern, match);
    }
    last = { pattern, match };
  }
  return last.match(value.toLowerCase());
}
