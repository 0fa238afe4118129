import { describe, expect, it } from "vitest";
import { nulCharacterFields } from "@/lib/schemas/nul-characters";

describe("nulCharacterFields", () => {
  it("finds NUL in values and keys at any depth, by path", () => {
    expect(nulCharacterFields({ name: "a\u0000b", ok: "fine" })).toEqual({ name: [expect.stringMatching(/NUL/)] });
    expect(nulCharacterFields({ identities: [{ platformUserId: "x" }, { platformUserId: "\u0000" }] })).toEqual({
      "identities.1.platformUserId": [expect.any(String)],
    });
    expect(Object.keys(nulCharacterFields({ metadata: { "k\u0000": 1 } })!)).toEqual(["metadata.k\\u0000"]);
    expect(nulCharacterFields("\u0000")).toEqual({ _: [expect.any(String)] });
  });

  it("passes everything else, including other control and bidi characters", () => {
    for (const v of [{}, [], null, 42, true, "", { name: "\u0001\u202e<b>", n: [1, { deep: "ok" }] }]) expect(nulCharacterFields(v)).toBeNull();
  });
});

describe("nulCharacterFields at depth", () => {
  it("walks 100,000 levels without overflowing the stack", () => {
    let deep: unknown = "x\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(Object.keys(nulCharacterFields(deep)!)).toHaveLength(1);
  });
});
