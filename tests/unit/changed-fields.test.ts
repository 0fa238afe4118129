import { describe, expect, it } from "vitest";
import { changedFields } from "@/lib/audit/rules/changed-fields";

describe("changedFields", () => {
  const before = { name: "Ana", phone: null as string | null, metadata: { a: 1, b: [1, 2] } as unknown, at: new Date("2026-01-01T00:00:00Z") };
  it("is empty for a patch that repeats the stored values", () => {
    expect(changedFields(before, { name: "Ana", phone: null, metadata: { b: [1, 2], a: 1 }, at: new Date("2026-01-01T00:00:00.000Z") })).toEqual([]);
  });
  it("ignores fields not given", () => {
    expect(changedFields(before, { name: undefined })).toEqual([]);
  });
  it("names the fields that differ", () => {
    expect(changedFields(before, { name: "Bia", phone: "+1", metadata: { a: 2, b: [1, 2] } })).toEqual(["name", "phone", "metadata"]);
  });
});
