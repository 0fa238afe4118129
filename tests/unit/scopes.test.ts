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
  it("maps roles exactly per the contract (Additions: Roles and scopes, exactly)", () => {
    expect(scopesForRole("admin")).toEqual(["*"]);
    expect([...scopesForRole("lead")].sort()).toEqual(
      ["routes:read", "persons:read", "keys:read", "audit:read", "audit:revert", "instances:read", "agents:read", "chats:read"].sort(),
    );
    expect([...scopesForRole("viewer")].sort()).toEqual(["routes:read", "persons:read", "instances:read", "agents:read", "chats:read"].sort());
  });
  it("keeps users and webhooks for admins only", () => {
    for (const role of ["lead", "viewer"] as const) {
      for (const s of ["users:read", "users:write", "webhooks:read", "webhooks:write"]) expect(hasScope(scopesForRole(role), s)).toBe(false);
    }
  });
  it("knows the catalog", () => {
    expect(isKnownScope("routes:read")).toBe(true);
    expect(isKnownScope("chats:*")).toBe(true);
    expect(isKnownScope("routes:delete")).toBe(false);
    for (const s of ["users:read", "users:write", "webhooks:read", "webhooks:write", "audit:revert", "users:*", "webhooks:*"]) {
      expect(isKnownScope(s), s).toBe(true);
    }
  });
  it("audit:* covers audit:revert", () => {
    expect(coversScopes(["audit:*"], ["audit:revert"])).toBe(true);
    expect(coversScopes(["audit:read"], ["audit:*"])).toBe(false);
  });
});
