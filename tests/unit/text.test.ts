import { describe, expect, it } from "vitest";
import { graphemeLength, graphemes, initials, truncateGraphemes } from "@/lib/format/text";

const FFFD = "\uFFFD";
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("initials", () => {
  it("skips emoji and flags around a name (the reported input)", () => {
    expect(initials("🚀 Ana Clara 🇧🇷")).toBe("AC");
  });

  it("never returns half a surrogate pair or U+FFFD", () => {
    for (const name of ["🚀", "🚀🚀 x", "🇧🇷", "👩‍👩‍👧‍👦 family", "𝒜lice 𝒷ob", "😀😀"]) {
      const out = initials(name);
      expect(out).not.toMatch(loneSurrogate);
      expect(out).not.toContain(FFFD);
    }
  });

  it("keeps a whole flag or ZWJ sequence when the name has no letters", () => {
    expect(initials("🇧🇷")).toBe("🇧🇷");
    expect(initials("👩‍👩‍👧‍👦")).toBe("👩‍👩‍👧‍👦");
    expect(initials("🚀 🇧🇷")).toBe("🚀");
  });

  it("handles RTL and CJK names", () => {
    expect(initials("محمد علي")).toBe("مع");
    expect(initials("王伟")).toBe("王");
  });

  it("keeps combining marks with their letter and normalises to NFC", () => {
    expect(initials("e\u0301lodie durand")).toBe("\u00c9D");
    expect(initials("Zoë")).toBe("Z");
  });

  it("uses the first and last words, separators included, and a fallback when empty", () => {
    expect(initials("ana maria da silva")).toBe("AS");
    expect(initials("john.doe")).toBe("JD");
    expect(initials("   ")).toBe("?");
    expect(initials(null, "–")).toBe("–");
  });
});

describe("graphemes / truncateGraphemes", () => {
  it("counts user-perceived characters", () => {
    expect(graphemeLength("👩‍👩‍👧‍👦🇧🇷e\u0301")).toBe(3);
    expect(graphemes("a🇧🇷b")).toEqual(["a", "🇧🇷", "b"]);
  });

  it("never cuts inside a cluster", () => {
    const name = "🇧🇷🇧🇷🇧🇷🇧🇷";
    const out = truncateGraphemes(name, 3);
    expect(out).toBe("🇧🇷🇧🇷…");
    expect(out).not.toMatch(loneSurrogate);
    expect(truncateGraphemes("👩‍👩‍👧‍👦👩‍👩‍👧‍👦", 2)).toBe("👩‍👩‍👧‍👦👩‍👩‍👧‍👦");
    expect(truncateGraphemes("e\u0301e\u0301e\u0301", 2)).toBe("e\u0301…");
  });

  it("returns short text unchanged and trims before the ellipsis", () => {
    expect(truncateGraphemes("short", 10)).toBe("short");
    expect(truncateGraphemes("ab cd", 4)).toBe("ab…");
    expect(truncateGraphemes("سلام دنیا", 5)).toBe("سلام…");
  });
});
