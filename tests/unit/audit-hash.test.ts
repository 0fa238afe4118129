import { describe, expect, it } from "vitest";
import { auditHash, findChainBreak, type HashableAuditEvent } from "@/lib/audit/rules/hash";
import { canonicalJson } from "@/lib/audit/rules/canonical-json";

function chain(n: number) {
  const out: (HashableAuditEvent & { id: string; hash: string })[] = [];
  let prev: string | null = null;
  for (let i = 1; i <= n; i++) {
    const e: HashableAuditEvent = {
      seq: i, at: new Date(Date.UTC(2026, 0, i)).toISOString(), actorType: "user", actorId: "u1", actorLabel: "a@b.c",
      action: "person.update", targetType: "person", targetId: `p${i}`, reason: null,
      before: { name: `old${i}` }, after: { name: `new${i}` }, requestId: null, ip: null, userAgent: null, prevHash: prev,
    };
    const hash = auditHash(e);
    out.push({ ...e, id: `e${i}`, hash });
    prev = hash;
  }
  return out;
}

describe("audit hash chain", () => {
  it("verifies an untouched chain", () => {
    expect(findChainBreak(chain(5))).toBeNull();
  });
  it("names the first edited event", () => {
    const c = chain(5);
    c[2] = { ...c[2], after: { name: "tampered" } };
    expect(findChainBreak(c)).toMatchObject({ id: "e3", problem: "content does not match its hash" });
  });
  it("detects a removed event", () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(findChainBreak(c)).toMatchObject({ id: "e3", problem: "previous-hash link does not match" });
  });
  it("does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
