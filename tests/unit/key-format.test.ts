import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, keyDisplayPrefix, looksLikeApiKey } from "@/lib/keys/rules/key-format";

describe("API key format", () => {
  it("generates omni_sk_ keys with at least 32 URL-safe characters", () => {
    const k = generateApiKey();
    expect(k).toMatch(/^omni_sk_[A-Za-z0-9_-]{32,}$/);
    expect(looksLikeApiKey(k)).toBe(true);
    expect(generateApiKey()).not.toBe(k);
  });
  it("stores omni_sk_ plus the next 8 characters as prefix", () => {
    const k = generateApiKey();
    expect(keyDisplayPrefix(k)).toBe(k.slice(0, 16));
    expect(keyDisplayPrefix(k)).toHaveLength(16);
  });
  it("rejects malformed keys", () => {
    expect(looksLikeApiKey("omni_sk_short")).toBe(false);
    expect(looksLikeApiKey("sk_" + "a".repeat(40))).toBe(false);
    expect(looksLikeApiKey("omni_sk_" + "a".repeat(31) + "!")).toBe(false);
  });
  it("hashes deterministically, never returning the key", () => {
    const k = generateApiKey();
    expect(hashApiKey(k)).toBe(hashApiKey(k));
    expect(hashApiKey(k)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(k)).not.toContain(k.slice(8));
  });
});
