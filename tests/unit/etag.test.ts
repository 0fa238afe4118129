// Strong ETags and If-Match (lib/api/etag.ts): tags change with the JSON, versions ignore live
// counters, the header parser handles *, lists, weak and malformed tags.
import { describe, expect, it } from "vitest";
import { assertIfMatch, etagOf, ifMatchHolds, parseIfMatch } from "@/lib/api/etag";
import { AppError } from "@/lib/errors";

const person = { id: "p1", displayName: "Ana", updatedAt: new Date("2026-01-01T00:00:00Z"), identities: [{ id: "i1", messageCount: 3 }] };

describe("etagOf", () => {
  it("is a quoted strong tag, equal for the same JSON whatever the key order", () => {
    const tag = etagOf(person);
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}"$/);
    expect(etagOf({ identities: person.identities, updatedAt: "2026-01-01T00:00:00.000Z", displayName: "Ana", id: "p1" })).toBe(tag);
  });

  it("changes whenever the JSON does, live counters included", () => {
    const tag = etagOf(person);
    expect(etagOf({ ...person, displayName: "Ana Clara" })).not.toBe(tag);
    expect(etagOf({ ...person, identities: [{ id: "i1", messageCount: 4 }] })).not.toBe(tag);
  });
});

describe("If-Match", () => {
  it("parses absent, *, lists, weak and garbage", () => {
    expect(parseIfMatch(null)).toBeNull();
    expect(parseIfMatch("  ")).toBeNull();
    expect(parseIfMatch(" * ")).toBe("*");
    expect(parseIfMatch(`"a.b", W/"c.d" ,"e.f"`)).toEqual([`"a.b"`, `W/"c.d"`, `"e.f"`]);
    expect(parseIfMatch("nonsense")).toEqual(["nonsense"]);
  });

  it("holds for the current tag (alone or in a list) and *, not for a stale, weak or malformed one", () => {
    const tag = etagOf(person);
    const stale = etagOf({ ...person, displayName: "Old" });
    expect(ifMatchHolds(null, person)).toBe(true);
    expect(ifMatchHolds("*", person)).toBe(true);
    expect(ifMatchHolds([tag], person)).toBe(true);
    expect(ifMatchHolds([stale, tag], person)).toBe(true);
    expect(ifMatchHolds([stale], person)).toBe(false);
    expect(ifMatchHolds([`W/${tag}`], person)).toBe(false);
    expect(ifMatchHolds([tag.slice(1, -1)], person)).toBe(false);
  });

  it("ignores live counters (usage, sessions, message counts): they are not edits", () => {
    const tag = etagOf(person);
    expect(ifMatchHolds([tag], { ...person, identities: [{ id: "i1", messageCount: 99 }] })).toBe(true);
    expect(ifMatchHolds([etagOf({ id: "k", usageCount: 1, lastUsedAt: null })], { id: "k", usageCount: 7, lastUsedAt: new Date() })).toBe(true);
  });

  it("a stale precondition is 412 PRECONDITION_FAILED with the current tag and resource", () => {
    let err: unknown;
    try {
      assertIfMatch([etagOf({ ...person, displayName: "Old" })], person);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(412);
    expect((err as AppError).details).toMatchObject({ etag: etagOf(person), current: { displayName: "Ana", updatedAt: "2026-01-01T00:00:00.000Z" } });
    expect(() => assertIfMatch(undefined, person)).not.toThrow();
  });
});
