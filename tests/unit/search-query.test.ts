// The pure half of person search (lib/persons/rules/search-query.ts): the normaliser shared by
// stored terms and typed queries, the index terms, and the query planner.
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import {
  ftsPhrase, identitySearchTerms, normalizeSearchText, personSearchTerms, phoneDigits, planSearch,
} from "@/lib/persons/rules/search-query";

describe("normalizeSearchText", () => {
  it("folds case, compatibility forms and diacritics, composed or decomposed", () => {
    expect(normalizeSearchText("João")).toBe("joao");
    expect(normalizeSearchText("Jose\u0301")).toBe("jose");
    expect(normalizeSearchText("José")).toBe(normalizeSearchText("Jose\u0301"));
    expect(normalizeSearchText("ＧＯＮÇＡＬＶＥＳ")).toBe("goncalves");
    expect(normalizeSearchText("ﬁnn")).toBe("finn");
    expect(normalizeSearchText("  Ana \t  Silva ")).toBe("ana silva");
    expect(normalizeSearchText(null)).toBe("");
  });

  it("recomposes Hangul: conjoining jamo equal the syllables", () => {
    const decomposed = "\u1112\u1161\u11ab\u1100\u1173\u11af"; // 한글 as jamo
    expect(normalizeSearchText(decomposed)).toBe("한글");
    expect(normalizeSearchText("한글".normalize("NFD"))).toBe("한글");
  });

  it("keeps scripts whose vowels are marks and kana voicing", () => {
    expect(normalizeSearchText("हिन्दी")).toBe("हिन्दी");
    expect(normalizeSearchText("が")).toBe("が");
    expect(normalizeSearchText("王伟")).toBe("王伟");
  });
});

describe("index terms", () => {
  it("a person: whole name, its words, email, phone digits", () => {
    expect(personSearchTerms("José  Gonçalves", "+55 11 98888-7777", "JG@Example.com")).toEqual([
      ["name", "jose goncalves"], ["word", "jose"], ["word", "goncalves"], ["email", "jg@example.com"], ["phone", "5511988887777"],
    ]);
    expect(personSearchTerms("王伟", null, null)).toEqual([["name", "王伟"]]);
    expect(personSearchTerms(null, null, null)).toEqual([]);
  });

  it("an identity: username and platform id", () => {
    expect(identitySearchTerms("jgoncalves_BR", "5511988887777@s.whatsapp.net")).toEqual([
      ["username", "jgoncalves_br"], ["userid", "5511988887777@s.whatsapp.net"],
    ]);
    expect(identitySearchTerms(null, "U123")).toEqual([["userid", "u123"]]);
  });

  it("phone digits whatever the formatting", () => {
    expect(phoneDigits("+55 (11) 98888-7777")).toBe("5511988887777");
    expect(phoneDigits("０１７０")).toBe("0170");
  });
});

describe("planSearch", () => {
  it("no letter or digit: nothing (never everyone)", () => {
    for (const q of ["😀", "★", "*", "---", "%", "_", "   ", "", "()", "+", "\u0301", null, undefined]) {
      expect(planSearch(q)).toEqual({ kind: "none" });
    }
  });

  it("each word: 3+ characters a substring, shorter a prefix", () => {
    const word = (term: string, substring: boolean) => expect.objectContaining({ term, substring });
    expect(planSearch("Joao")).toMatchObject({ kind: "match", full: "joao", words: [word("joao", true)], digits: false });
    expect(planSearch("goncalves_b")).toMatchObject({ words: [word("goncalves_b", true)] });
    expect(planSearch("王伟")).toMatchObject({ full: "王伟", words: [word("王伟", false)] });
    expect(planSearch("Li")).toMatchObject({ words: [word("li", false)] });
    expect(planSearch("a%")).toMatchObject({ words: [word("a%", false)] });
    expect(planSearch("%ab")).toMatchObject({ words: [word("%ab", true)] });
    expect(planSearch("José  Álv")).toMatchObject({ full: "jose alv", raw: "José  Álv", words: [word("jose", true), word("alv", true)] });
    expect(planSearch("Jane D ★")).toMatchObject({ full: "jane d ★", words: [word("jane", true), word("d", false)] });
    expect(planSearch("@maria_s")).toMatchObject({ full: "maria_s", raw: "maria_s", words: [word("maria_s", true)] });
  });

  it("phones by digits, a leading national 0 or international 00 dropped, not after +", () => {
    const digits = (d: string) => ({ kind: "match", full: d, words: [{ term: d, raw: d, substring: true }], digits: true });
    expect(planSearch("+55 11 98888-7777")).toMatchObject(digits("5511988887777"));
    expect(planSearch("988887")).toMatchObject(digits("988887"));
    expect(planSearch("0170 9971 3206")).toMatchObject(digits("17099713206"));
    expect(planSearch("0049 170 9971 3206")).toMatchObject(digits("4917099713206"));
    expect(planSearch("+49 170 9971 3206")).toMatchObject(digits("4917099713206"));
    expect(planSearch("(11) 9888")).toMatchObject(digits("119888"));
    expect(planSearch("12")).toMatchObject({ digits: false, words: [{ term: "12", substring: false }] });
  });
});

describe("query text helpers", () => {
  it("an FTS5 trigram phrase never is a syntax error and matches literally", () => {
    const db = new Database(":memory:");
    db.exec("CREATE VIRTUAL TABLE t USING fts5(a, tokenize = 'trigram')");
    db.prepare("INSERT INTO t (a) VALUES (?)").run('jgoncalves_br say "hi" 100%');
    const nasty = ['"', '""', "a\"b", "AND", "OR NOT", "NEAR(a b)", "a*", "^a", "col:a", "{a b}", "(a", "-a", "\\", "🙂🙂🙂"];
    for (const q of nasty) expect(() => db.prepare("SELECT rowid FROM t WHERE t MATCH ?").all(ftsPhrase(q))).not.toThrow();
    expect(db.prepare("SELECT rowid FROM t WHERE t MATCH ?").all(ftsPhrase("goncalves_b"))).toHaveLength(1);
    expect(db.prepare("SELECT rowid FROM t WHERE t MATCH ?").all(ftsPhrase('y "hi"'))).toHaveLength(1);
    expect(db.prepare("SELECT rowid FROM t WHERE t MATCH ?").all(ftsPhrase("00%"))).toHaveLength(1);
    expect(db.prepare("SELECT rowid FROM t WHERE t MATCH ?").all(ftsPhrase("goncalvesb"))).toHaveLength(0);
  });
});
