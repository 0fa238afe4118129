import { describe, expect, it } from "vitest";
import { coversScopes, hasScope, isKnownScope, scopesForRole } from "@/lib/auth/rules/scopes";

describe("hasScope", () => {
  it("grants everything to *", () => {
    expect(hasScope(["*"], "keys:write")).toBe(true);
  });
  it("grants a resource wildcard only on its resource", () => {
    expect(hasScope(["routes:*"], "routes:write")).toBe(true);
    expect(hasScope(["routes:*"], "persons:read")).toBe(false);
  });
  it("needs the exact scope otherwise", () => {
    expect(hasScope(["routes:read"], "routes:read")).toBe(true);
    expect(hasScope(["routes:read"], "routes:write")).toBe(false);
    expect(hasScope([], "routes:read")).toBe(false);
  });
});

describe("coversScopes", () => {
  it("lets a holder hand on only what it has", () => {
    expect(coversScopes(["*"], ["*"])).toBe(true);
    expect(coversScopes(["routes:*"], ["routes:read"])).toBe(true);
    expect(coversScopes(["routes:read"], ["routes:*"])).toBe(false);
    expect(coversScopes(["routes:read", "routes:write"], ["routes:*"])).toBe(true);
    expect(coversScopes(["routes:*"], ["*"])).toBe(false);
  });
});

describe("scopesForRole", () => {
  it("maps roles per the contract", () => {
    expect(scopesForRole("admin")).toEqual(["*"]);
    const lead = scopesForRole("lead");
    expect(lead).toContain("audit:read");
    expect(lead).toContain("keys:read");
    expect(lead.some((s) => s.endsWith(":write"))).toBe(false);
    const viewer = scopesForRole("viewer");
    expect(viewer).toContain("routes:read");
    expect(viewer).not.toContain("keys:read");
    expect(viewer).not.toContain("audit:read");
  });
  it("knows the catalog", () => {
    expect(isKnownScope("routes:read")).toBe(true);
    expect(isKnownScope("chats:*")).toBe(true);
    expect(isKnownScope("routes:delete")).toBe(false);
  });
});
