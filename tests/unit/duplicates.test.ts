import { describe, expect, it } from "vitest";
import { editDistance, findDuplicatePairs, normalizeName, type DuplicateCandidate } from "@/lib/persons/rules/duplicates";

const p = (id: string, displayName: string | null, channels: string[], phone: string | null = null, email: string | null = null): DuplicateCandidate =>
  ({ id, displayName, primaryPhone: phone, primaryEmail: email, channels });

describe("duplicates", () => {
  it("normalizes names", () => {
    expect(normalizeName("  José  da-Silva ")).toBe("da jose silva");
    expect(normalizeName("SILVA, José Da")).toBe("da jose silva");
    expect(normalizeName(null)).toBe("");
  });

  it("measures edit distance with a cut-off", () => {
    expect(editDistance("maria silva", "maria silva")).toBe(0);
    expect(editDistance("maria silva", "mario silva")).toBe(1);
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
    expect(editDistance("abc", "xyzxyz", 2)).toBe(3);
  });

  it("pairs same phone, same email, and near-identical names across channels, with evidence", () => {
    const rows = [
      p("1", "Maria Silva", ["whatsapp"], "+5511987654321"),
      p("2", "M. Silva", ["telegram"], "+5511987654321", "maria@example.com"),
      p("3", "maria  SILVA", ["telegram"]),
      p("4", "Someone Else", ["email"], null, "MARIA@example.com"),
      p("5", "Maria Silva", ["whatsapp"]), // same name, same channel as 1: not suggested with 1
      p("6", "Jonathan Smithers", ["slack"]),
      p("7", "Jonathon Smithers", ["discord"]),
      p("8", "Ann Lee", ["slack"]),
      p("9", "Anne Lee", ["discord"]), // short names need an exact match
    ];
    const pairs = findDuplicatePairs(rows);
    const find = (a: string, b: string) => pairs.find((x) => x.aId === a && x.bId === b);
    expect(find("1", "2")?.evidence).toEqual([{ kind: "phone", value: "+5511987654321" }]);
    expect(find("2", "4")?.evidence).toEqual([{ kind: "email", value: "maria@example.com" }]);
    expect(find("1", "3")?.evidence).toEqual([{ kind: "name", a: "Maria Silva", b: "maria  SILVA", distance: 0 }]);
    expect(find("1", "5")).toBeUndefined();
    expect(find("6", "7")?.evidence[0]).toMatchObject({ kind: "name", distance: 1 });
    expect(find("8", "9")).toBeUndefined();
    expect(pairs[0].score).toBeGreaterThanOrEqual(pairs[pairs.length - 1].score);
  });
});
