import { describe, expect, it } from "vitest";
import { auditComparisons, flatten, jsonDiff } from "@/lib/audit/rules/diff";

describe("audit diff", () => {
  it("flattens nested objects and id-keyed lists", () => {
    const m = flatten({ a: 1, b: { c: null }, identities: [{ id: "i1234567890", channel: "telegram", platformUserId: "42", platformUsername: "maria_s" }], tags: ["x", "y"] });
    expect([...m.entries()]).toEqual([["a", 1], ["b.c", null], ["identities[i1234567]", "telegram · maria_s"], ["tags", ["x", "y"]]]);
  });

  it("lists added, removed and changed leaves only", () => {
    expect(jsonDiff({ name: "A", phone: null, gone: 1 }, { name: "B", phone: null, email: "e" })).toEqual([
      { path: "email", before: undefined, after: "e", change: "added" },
      { path: "gone", before: 1, after: undefined, change: "removed" },
      { path: "name", before: "A", after: "B", change: "changed" },
    ]);
    expect(jsonDiff({ a: 1 }, { a: 1 })).toEqual([]);
    expect(jsonDiff({ a: 1 }, { a: 1 }, true)).toEqual([{ path: "a", before: 1, after: 1, change: "same" }]);
  });

  it("compares a merge's target before and after, and shows the deleted source whole", () => {
    const identity = { id: "i1", channel: "whatsapp", platformUserId: "5511", platformUsername: null };
    const before = { source: { id: "s", displayName: "Src", identities: [{ ...identity, personId: "s" }] }, target: { id: "t", displayName: "Tgt", primaryPhone: null, identities: [] } };
    const after = { person: { id: "t", displayName: "Tgt", primaryPhone: "+1", identities: [{ ...identity, personId: "t" }] } };
    const [target, source] = auditComparisons("person.merge", before, after);
    expect(target.rows).toEqual([
      { path: "identities[i1]", before: undefined, after: "whatsapp · 5511", change: "added" },
      { path: "primaryPhone", before: null, after: "+1", change: "changed" },
    ]);
    expect(source.rows.every((r) => r.change === "removed")).toBe(true);
    expect(source.rows.map((r) => r.path)).toContain("displayName");
  });
});
