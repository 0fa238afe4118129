import { describe, expect, it } from "vitest";
import { afterKey, decodeCursor, encodeCursor, keysetArgs, keysetOrderBy, keysetPage, newestFirst, sortedBy } from "@/lib/db/keyset";
import { AppError } from "@/lib/errors";

const NEWEST = newestFirst("things");
const at = new Date("2026-11-30T10:00:00.123Z");

function fieldsOf(fn: () => unknown): Record<string, string[]> | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("VALIDATION_ERROR");
    return (e as AppError).details?.fields as Record<string, string[]>;
  }
  throw new Error("expected a validation error");
}

describe("keyset cursors", () => {
  it("round-trips the key values, dates included, as opaque base64url", () => {
    const c = encodeCursor(NEWEST, [at, "b2"]);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(c).not.toContain("b2"); // opaque, not an id
    expect(decodeCursor(NEWEST, c)).toEqual([at, "b2"]);
  });

  it("refuses garbage, an offset, a bare id and another list's or sort's cursor (400 on cursor)", () => {
    const other = encodeCursor(newestFirst("others"), [at, "x"]);
    const prio = sortedBy("routes", { field: "priority", kind: "number" }, "desc");
    for (const bad of ["zzz", "o2", crypto.randomUUID(), other, encodeCursor(prio, [5, "x"]).slice(0, -3), "", "%%%"]) {
      expect(fieldsOf(() => decodeCursor(NEWEST, bad))?.cursor?.[0]).toMatch(/Start again without a cursor/);
    }
    expect(() => decodeCursor(sortedBy("routes", { field: "priority", kind: "number" }, "asc"), encodeCursor(prio, [5, "x"]))).toThrow(AppError);
    // wrong value kinds inside a well-formed envelope
    const forged = Buffer.from(JSON.stringify({ t: "things", k: ["not a date", "x"] })).toString("base64url");
    expect(() => decodeCursor(NEWEST, forged)).toThrow(AppError);
    const short = Buffer.from(JSON.stringify({ t: "things", k: [at.toISOString()] })).toString("base64url");
    expect(() => decodeCursor(NEWEST, short)).toThrow(AppError);
  });
});

describe("the where after a cursor", () => {
  it("is (sort < v) OR (sort = v AND id < id) for a descending order, mirrored ascending", () => {
    expect(afterKey(NEWEST, [at, "b2"])).toEqual({ OR: [{ createdAt: { lt: at } }, { AND: [{ createdAt: at }, { id: { lt: "b2" } }] }] });
    const asc = sortedBy("routes", { field: "priority", kind: "number" }, "asc");
    expect(afterKey(asc, [3, "r"])).toEqual({ OR: [{ priority: { gt: 3 } }, { AND: [{ priority: 3 }, { id: { gt: "r" } }] }] });
  });

  it("puts NULLs last on nullable columns and handles booleans without lt/gt", () => {
    const label = sortedBy("routes", { field: "label", kind: "string", nullable: true }, "desc");
    expect(keysetOrderBy(label)).toEqual([{ label: { sort: "desc", nulls: "last" } }, { id: "desc" }]);
    expect(afterKey(label, ["m", "r"])).toEqual({ OR: [{ label: { lt: "m" } }, { label: null }, { AND: [{ label: "m" }, { id: { lt: "r" } }] }] });
    expect(afterKey(label, [null, "r"])).toEqual({ AND: [{ label: null }, { id: { lt: "r" } }] });
    const active = sortedBy("routes", { field: "active", kind: "boolean" }, "desc");
    expect(afterKey(active, [true, "r"])).toEqual({ OR: [{ active: false }, { AND: [{ active: true }, { id: { lt: "r" } }] }] });
    expect(afterKey(active, [false, "r"])).toEqual({ AND: [{ active: false }, { id: { lt: "r" } }] });
  });

  it("pages an in-memory list exactly once through inserts and deletes (same rules as the database)", () => {
    type Row = { id: string; createdAt: Date };
    const t = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n));
    let rows: Row[] = Array.from({ length: 9 }, (_, i) => ({ id: `r${i}`, createdAt: t(Math.floor(i / 2)) }));
    const initial = rows.map((r) => r.id);
    const cmp = (a: Row, b: Row) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);
    const after = (r: Row, v: unknown[]) => r.createdAt < (v[0] as Date) || (r.createdAt.getTime() === (v[0] as Date).getTime() && r.id < (v[1] as string));
    const seen: string[] = [];
    let cursor: string | undefined;
    let step = 0;
    do {
      const args = keysetArgs(NEWEST, { limit: 2, cursor });
      expect(args.take).toBe(3);
      const v = cursor ? decodeCursor(NEWEST, cursor) : null;
      const page = keysetPage(NEWEST, rows.filter((r) => !v || after(r, v)).sort(cmp).slice(0, args.take), 2);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      // between pages: the cursor's own row goes, a new row arrives at the top, an old one at the tie
      rows = rows.filter((r) => r.id !== page.items[page.items.length - 1]?.id);
      rows.push({ id: `n${step++}`, createdAt: t(100 + step) });
    } while (cursor);
    expect(seen.filter((id) => initial.includes(id))).toEqual(initial.slice().sort((a, b) => cmp(
      { id: a, createdAt: t(Math.floor(Number(a.slice(1)) / 2)) }, { id: b, createdAt: t(Math.floor(Number(b.slice(1)) / 2)) })));
  });
});
