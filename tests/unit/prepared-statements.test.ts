import { describe, expect, it } from "vitest";
import { statementNames, statementNamesFromEnv } from "@/lib/db/prepared-statements";

const q = (sql: string) => ({ sql });

describe("prepared statement names", () => {
  it("leaves a statement unnamed the first time and names it from its second sighting on, always with the same name", () => {
    const name = statementNames();
    expect(name(q("SELECT 1"))).toBe("");
    const n = name(q("SELECT 1"));
    expect(n).toMatch(/^omni_\d+$/);
    expect(name(q("SELECT 1"))).toBe(n);
    expect(name(q("SELECT 2"))).toBe("");
    const m = name(q("SELECT 2"));
    expect(m).not.toBe(n);
    expect(name(q("SELECT 1"))).toBe(n);
  });

  it("names at most `max` texts; the rest stay unnamed, and those already named keep their names", () => {
    const name = statementNames({ after: 1, max: 2 });
    const a = name(q("a"));
    const b = name(q("b"));
    expect([a, b].every((x) => x.startsWith("omni_"))).toBe(true);
    expect(name(q("c"))).toBe("");
    expect(name(q("c"))).toBe("");
    expect(name(q("a"))).toBe(a);
    expect(name(q("b"))).toBe(b);
  });

  it("never gives one name to two texts", () => {
    const name = statementNames({ after: 1, max: 1000 });
    const seen = new Map<string, string>();
    for (let i = 0; i < 3000; i++) {
      const sql = `SELECT ${i % 700}`;
      const n = name(q(sql));
      if (!n) continue;
      for (const [other, on] of seen) if (on === n) expect(other).toBe(sql);
      seen.set(sql, n);
    }
    expect(seen.size).toBe(700);
  });

  it("is off with OMNI_PG_PREPARED_STATEMENTS=0 and refuses a value that is not a count", () => {
    const off = statementNamesFromEnv({ OMNI_PG_PREPARED_STATEMENTS: "0" });
    for (let i = 0; i < 5; i++) expect(off(q("SELECT 1"))).toBe("");
    const on = statementNamesFromEnv({});
    on(q("SELECT 1"));
    expect(on(q("SELECT 1"))).toMatch(/^omni_/);
    expect(() => statementNamesFromEnv({ OMNI_PG_PREPARED_STATEMENTS: "lots" })).toThrow(/OMNI_PG_PREPARED_STATEMENTS/);
  });
});
