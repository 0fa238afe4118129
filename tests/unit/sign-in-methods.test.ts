import { describe, expect, it } from "vitest";
import { claimAt, claimGroups, parseDefaultRole, parseRoleMap, roleForClaim } from "@/lib/sso/rules/role-map";
import { authModes, signInMethodsFrom, twoFactorRequired } from "@/lib/sso/rules/sign-in-methods";
import { signInErrorMessage, ssoRefusedPath } from "@/lib/auth/rules/sign-in-errors";
import { hashRecoveryCode, isRecoveryCodeShape, isTotpShape, newRecoveryCode, normaliseRecoveryCode } from "@/lib/twofactor/rules/recovery-codes";

describe("OMNI_OIDC_ROLE_MAP parser", () => {
  it("parses group=role pairs, trimming spaces, in order", () => {
    const m = parseRoleMap(" omni-admins = admin, ops=lead ,staff=VIEWER,");
    expect([...m]).toEqual([["omni-admins", "admin"], ["ops", "lead"], ["staff", "viewer"]]);
  });
  it("keeps '=' inside a group name (the last '=' separates the role)", () => {
    expect(parseRoleMap("ou=groups=admin").get("ou=groups")).toBe("admin");
  });
  it("is empty when unset or blank", () => {
    expect(parseRoleMap(undefined).size).toBe(0);
    expect(parseRoleMap("  , ").size).toBe(0);
  });
  it.each(["admins", "=admin", "admins=root", "admins="])("refuses %j naming the variable", (v) => {
    expect(() => parseRoleMap(v)).toThrow(/OMNI_OIDC_ROLE_MAP/);
  });
  it("parses default roles and none", () => {
    expect(parseDefaultRole(undefined, "X", "viewer")).toBe("viewer");
    expect(parseDefaultRole("None", "X", "viewer")).toBe("none");
    expect(parseDefaultRole("lead", "X", "viewer")).toBe("lead");
    expect(() => parseDefaultRole("owner", "OMNI_OIDC_DEFAULT_ROLE", "viewer")).toThrow(/OMNI_OIDC_DEFAULT_ROLE/);
  });
});

describe("claim → role", () => {
  const map = parseRoleMap("omni-admins=admin,omni-leads=lead,staff=viewer");
  it("gives the highest role any group maps to", () => {
    expect(roleForClaim(["staff", "omni-leads"], map, "viewer")).toBe("lead");
    expect(roleForClaim(["omni-admins", "staff"], map, "none")).toBe("admin");
  });
  it("accepts a space- or comma-separated string claim and Keycloak's leading slash", () => {
    expect(roleForClaim("staff omni-leads", map, "none")).toBe("lead");
    expect(roleForClaim(["/omni-admins"], map, "none")).toBe("admin");
  });
  it("falls back to the default role, or null (refuse) with none", () => {
    expect(roleForClaim(["marketing"], map, "viewer")).toBe("viewer");
    expect(roleForClaim(["marketing"], map, "none")).toBeNull();
    expect(roleForClaim(undefined, map, "none")).toBeNull();
    expect(roleForClaim(42, map, "lead")).toBe("lead");
  });
  it("reads dotted claims and ignores non-strings in lists", () => {
    expect(claimAt({ realm_access: { roles: ["a"] } }, "realm_access.roles")).toEqual(["a"]);
    expect(claimAt({ "x.y": 1 }, "x.y")).toBe(1);
    expect(claimGroups(["a", 3, null, "b"])).toEqual(["a", "b"]);
  });
});

describe("sign-in methods from the environment", () => {
  it("defaults to password only, two-factor optional", () => {
    const m = signInMethodsFrom({});
    expect(m).toMatchObject({ password: true, oidc: null, proxy: null, twoFactor: "optional" });
    expect(authModes(m)).toEqual(["apiKey", "session", "password"]);
  });
  it("turns on OIDC and proxy, and SSO only with OMNI_PASSWORD_LOGIN=off", () => {
    const m = signInMethodsFrom({
      OMNI_PASSWORD_LOGIN: "off", OMNI_OIDC_ISSUER: "https://kc.example/realms/acme/", OMNI_OIDC_CLIENT_ID: "omni",
      OMNI_OIDC_ROLE_MAP: "a=admin", OMNI_OIDC_DEFAULT_ROLE: "none", OMNI_PROXY_AUTH_HEADER: "X-Forwarded-Email",
    });
    expect(authModes(m)).toEqual(["apiKey", "session", "oidc", "proxy"]);
    expect(m.twoFactor).toBe("off");
    expect(m.oidc).toMatchObject({ issuer: "https://kc.example/realms/acme", name: "Single sign-on", roleClaim: "groups", defaultRole: "none", clientSecret: null });
    expect(m.proxy).toEqual({ header: "x-forwarded-email", defaultRole: null });
  });
  it("reads OMNI_REQUIRE_2FA and refuses malformed values", () => {
    expect(signInMethodsFrom({ OMNI_REQUIRE_2FA: "admin" }).twoFactor).toBe("admin");
    expect(signInMethodsFrom({ OMNI_REQUIRE_2FA: "ALL" }).twoFactor).toBe("all");
    expect(() => signInMethodsFrom({ OMNI_REQUIRE_2FA: "sometimes" })).toThrow(/OMNI_REQUIRE_2FA/);
    expect(() => signInMethodsFrom({ OMNI_PASSWORD_LOGIN: "maybe" })).toThrow(/OMNI_PASSWORD_LOGIN/);
    expect(() => signInMethodsFrom({ OMNI_PROXY_AUTH_HEADER: "x email" })).toThrow(/OMNI_PROXY_AUTH_HEADER/);
    expect(() => signInMethodsFrom({ OMNI_OIDC_ISSUER: "https://x", OMNI_OIDC_CLIENT_ID: "c", OMNI_OIDC_ROLE_MAP: "x=god" })).toThrow(/OMNI_OIDC_ROLE_MAP/);
  });
  it("requires two-factor by role", () => {
    expect(twoFactorRequired("admin", "admin")).toBe(true);
    expect(twoFactorRequired("admin", "lead")).toBe(false);
    expect(twoFactorRequired("all", "viewer")).toBe(true);
    expect(twoFactorRequired("optional", "admin")).toBe(false);
  });
});

describe("sign-in page errors and recovery codes", () => {
  it("explains refusals and next-auth's OAuth errors", () => {
    expect(ssoRefusedPath("unmapped")).toBe("/login?error=sso&reason=unmapped");
    expect(signInErrorMessage("sso", "disabled")).toMatch(/disabled/);
    expect(signInErrorMessage("OAuthCallback")).toMatch(/not valid or has expired/);
    expect(signInErrorMessage(undefined)).toBeNull();
  });
  it("makes distinct codes that compare without case or dashes", () => {
    const codes = new Set(Array.from({ length: 50 }, newRecoveryCode));
    expect(codes.size).toBe(50);
    const c = [...codes][0];
    expect(c).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    expect(hashRecoveryCode(c.toUpperCase().replace("-", " "))).toBe(hashRecoveryCode(c));
    expect(normaliseRecoveryCode("AB-CD ef")).toBe("abcdef");
    expect(isRecoveryCodeShape(c)).toBe(true);
    expect(isTotpShape("123 456")).toBe(true);
    expect(isTotpShape("12345")).toBe(false);
  });
});
