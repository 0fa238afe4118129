// The LIKE that literal text filters rely on: `\` escapes, `%`/`_` wildcards, case folded; and the
// same function installed on a real SQLite connection (the built-in two-argument LIKE has no escape
// character, so an escaped `%` could not be literal there).
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { escapeLike, likeMatches } from "@/lib/db/rules/like-pattern";
import { registerSqliteFunctions } from "@/lib/db/sqlite-functions";

describe("escapeLike", () => {
  it("escapes the wildcards and the escape character", () => {
    expect(escapeLike("50%_a\\b")).toBe("50\\%\\_a\\\\b");
  });

  it("an escaped text matches itself and nothing LIKE would also match", () => {
    for (const text of ["50%_off", "%", "_", "\\", "a\\%b", "C:\\share\\_x", "(.*)[x]$^{2}|/-"]) {
      expect(likeMatches(`%${escapeLike(text)}%`, `say ${text} now`), text).toBe(true);
      expect(likeMatches(escapeLike(text), text), text).toBe(true);
    }
    expect(likeMatches(`%${escapeLike("50%_off")}%`, "Spring 50xyoff")).toBe(false);
    expect(likeMatches(`%${escapeLike("%")}%`, "no percent")).toBe(false);
    expect(likeMatches(`%${escapeLike("_")}%`, "no underscore")).toBe(false);
    expect(likeMatches(`${escapeLike("_")}%`, "a_")).toBe(false);
  });
});

describe("likeMatches", () => {
  it("has LIKE's wildcards, anchored at both ends", () => {
    expect(likeMatches("a%", "abc")).toBe(true);
    expect(likeMatches("a%", "cab")).toBe(false);
    expect(likeMatches("a_c", "abc")).toBe(true);
    expect(likeMatches("a_c", "abbc")).toBe(false);
    expect(likeMatches("%", "")).toBe(true);
    expect(likeMatches("_", "")).toBe(false);
    expect(likeMatches("_", "😀")).toBe(true); // one character, not one UTF-16 unit
    expect(likeMatches("a%c", "a\nb\nc")).toBe(true);
  });

  it("folds case beyond ASCII and treats regular-expression characters as text", () => {
    expect(likeMatches("%ops room%", "OPS ROOM 1")).toBe(true);
    expect(likeMatches("%jOsÉ%", "José")).toBe(true);
    expect(likeMatches("a.c", "abc")).toBe(false);
    expect(likeMatches("(a)", "(a)")).toBe(true);
    expect(likeMatches("a\\", "a\\")).toBe(true); // a trailing lone escape is literal
  });
});

describe("SQLite connection with the functions registered", () => {
  const db = new Database(":memory:");
  registerSqliteFunctions(db);
  const like = (value: string | null, pattern: string) =>
    (db.prepare("SELECT ? LIKE ? AS m").get(value, pattern) as { m: number | null }).m;

  it("X LIKE Y escapes with a backslash and folds case", () => {
    expect(like("Spring 50%_off", `%${escapeLike("50%_OFF")}%`)).toBe(1);
    expect(like("Spring 50xyoff", `%${escapeLike("50%_off")}%`)).toBe(0);
    expect(like("ÄRGER", "%ärger%")).toBe(1);
    expect(like(null, "%")).toBeNull();
  });

  it("LIKE … ESCAPE stays SQLite's own", () => {
    const m = db.prepare("SELECT 'a%b' LIKE 'a!%b' ESCAPE '!' AS m, 'axb' LIKE 'a!%b' ESCAPE '!' AS n").get() as { m: number; n: number };
    expect(m).toEqual({ m: 1, n: 0 });
  });
});
