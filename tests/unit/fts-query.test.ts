import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { toFtsQuery, toTsQuery } from "@/lib/persons/rules/search-query";

describe("toFtsQuery", () => {
  it("makes every word a quoted prefix term", () => {
    expect(toFtsQuery("Jane D")).toBe('"jane"* AND "d"*');
    expect(toFtsQuery("jane.doe@example.com")).toBe('"jane"* AND "doe"* AND "example"* AND "com"*');
    expect(toFtsQuery("@maria_s")).toBe('"maria"* AND "s"*');
  });

  it("joins the digits of a phone-looking input into one term", () => {
    expect(toFtsQuery("+1 (415) 555-01")).toBe('"141555501"*');
    expect(toFtsQuery("415 555")).toBe('"415555"*');
  });

  it("returns null when nothing searchable is left", () => {
    for (const q of ["", "   ", '"', "*", "()", "+", "-- ;", undefined, null]) expect(toFtsQuery(q)).toBeNull();
  });

  it("never produces an FTS5 syntax error, whatever is typed", () => {
    const db = new Database(":memory:");
    db.exec("CREATE VIRTUAL TABLE t USING fts5(a, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')");
    db.prepare("INSERT INTO t (a) VALUES (?)").run("José Álvarez jose@example.com 5511987654321");
    const nasty = ['"', '""', "'", "a\"b", "AND", "OR NOT", "NEAR(a b)", "a*", "^a", "col:a", "{a b}", "(a", "a)", "-a", "+", "\\", "a OR", "*", "a:b:c", "🙂", "x".repeat(500), "ゆうこ", "é"];
    for (const q of nasty) {
      const m = toFtsQuery(q);
      if (m) expect(() => db.prepare("SELECT rowid FROM t WHERE t MATCH ?").all(m)).not.toThrow();
    }
    expect(db.prepare("SELECT rowid FROM t WHERE t MATCH ?").all(toFtsQuery("jose alv"))).toHaveLength(1);
    expect(db.prepare("SELECT rowid FROM t WHERE t MATCH ?").all(toFtsQuery("JOSÉ"))).toHaveLength(1);
    expect(db.prepare("SELECT rowid FROM t WHERE t MATCH ?").all(toFtsQuery("+55 11 9876"))).toHaveLength(1);
    expect(db.prepare("SELECT rowid FROM t WHERE t MATCH ?").all(toFtsQuery("maria"))).toHaveLength(0);
  });
});

describe("toTsQuery (PostgreSQL)", () => {
  it("uses the same tokens as prefix lexemes joined by AND", () => {
    expect(toTsQuery("Jane D")).toBe("'jane':* & 'd':*");
    expect(toTsQuery("+1 (415) 555-01")).toBe("'141555501':*");
    expect(toTsQuery("it's")).toBe("'it':* & 's':*");
  });

  it("leaves no quote, operator or backslash from the input in the query", () => {
    for (const q of ["'", "a'b", "a & b", "a | b", "!a", "a:*", "(a", "\\", "<->", "a:B"]) {
      const t = toTsQuery(q);
      if (t) expect(t.replace(/'[\p{L}\p{M}\p{N}]+':\*/gu, "").replace(/ & /g, "")).toBe("");
    }
    expect(toTsQuery("'")).toBeNull();
  });
});
