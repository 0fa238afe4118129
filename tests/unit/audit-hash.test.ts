import { describe, expect, it } from "vitest";
import { chainHash, contentHash, findChainBreak, legacyAuditHash, type AuditContent, type SealedAuditEvent } from "@/lib/audit/rules/hash";
import { canonicalJson } from "@/lib/audit/rules/canonical-json";

function content(i: number): AuditContent {
  return {
    seq: i * 3, at: new Date(Date.UTC(2026, 0, i)).toISOString(), actorType: "user", actorId: "u1", actorLabel: "a@b.c",
    action: "person.update", targetType: "person", targetId: `p${i}`, reason: null,
    before: { name: `old${i}` }, after: { name: `new${i}` }, requestId: null, ip: null, userAgent: null,
  };
}

/** `legacy` events first (one-step hash, chainSeq = position), then sealed ones (content hash + chain hash). */
function chain(n: number, legacy = 0) {
  const out: SealedAuditEvent[] = [];
  let prev: string | null = null;
  for (let i = 1; i <= n; i++) {
    const c = content(i);
    const e: SealedAuditEvent = i <= legacy
      ? { ...c, id: `e${i}`, prevHash: prev, hash: legacyAuditHash({ ...c, prevHash: prev }), chainSeq: i, contentHash: null }
      : { ...c, id: `e${i}`, prevHash: prev, hash: chainHash(prev, i, contentHash(c)), chainSeq: i, contentHash: contentHash(c) };
    out.push(e);
    prev = e.hash;
  }
  return out;
}

describe("audit hash chain", () => {
  it("verifies an untouched chain, legacy events followed by sealed ones", () => {
    expect(findChainBreak(chain(5))).toBeNull();
    expect(findChainBreak(chain(6, 3))).toBeNull();
  });
  it("names the first edited event (legacy and sealed)", () => {
    const c = chain(6, 2);
    c[3] = { ...c[3], after: { name: "tampered" } };
    expect(findChainBreak(c)).toMatchObject({ id: "e4", problem: "content does not match its hash" });
    const l = chain(6, 2);
    l[1] = { ...l[1], reason: "tampered" };
    expect(findChainBreak(l)).toMatchObject({ id: "e2", problem: "content does not match its hash" });
  });
  it("detects an edited content hash (the chain hash covers it)", () => {
    const c = chain(5);
    const edited = { ...content(3), after: { name: "x" } };
    c[2] = { ...c[2], after: edited.after, contentHash: contentHash(edited) }; // content and its hash rewritten together
    expect(findChainBreak(c)).toMatchObject({ id: "e3", problem: "chain hash does not match" });
  });
  it("detects a removed event", () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(findChainBreak(c)).toMatchObject({ id: "e3", problem: expect.stringContaining("an event is missing") });
  });
  it("does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
