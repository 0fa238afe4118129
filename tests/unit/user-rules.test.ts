import { describe, expect, it } from "vitest";
import { passwordProblems } from "@/lib/users/rules/password-policy";
import { canGrantRole, removesLastAdmin } from "@/lib/users/rules/user-admin";
import { userCreateSchema } from "@/lib/users/schemas";
import { scopesForRole } from "@/lib/auth/rules/scopes";

describe("password policy", () => {
  it("wants 12–128 characters", () => {
    expect(passwordProblems("a")).toEqual(["Use at least 12 characters."]);
    expect(passwordProblems("x".repeat(129))).toEqual(["Use at most 128 characters."]);
  });
  it("wants a zxcvbn-ts score of 3 or more", () => {
    expect(passwordProblems("password1234")[0]).toMatch(/Too easy to guess/);
    expect(passwordProblems("aaaaaaaaaaaaaa")[0]).toMatch(/repeats/);
    expect(passwordProblems("granite-otter-lantern-42")).toEqual([]);
  });
  it("counts the user's own email and name as guessable", () => {
    expect(passwordProblems("margueriteduras!")).toEqual([]);
    expect(passwordProblems("margueriteduras!", ["margueriteduras@example.com"])[0]).toMatch(/your email address or name/);
  });
});

describe("the shared create schema (API, CLI, admin script)", () => {
  it("refuses a malformed email and a one-character password, naming both fields", () => {
    const r = userCreateSchema.safeParse({ email: "notanemail", password: "a", role: "admin" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("email");
    expect(paths).toContain("password");
    expect(r.error!.issues.filter((i) => i.path[0] === "password")).toHaveLength(1); // one message, not two
  });
  it("normalises the email and allows no password (setup link)", () => {
    expect(userCreateSchema.parse({ email: " Ada@Example.COM ", role: "lead" })).toEqual({ email: "ada@example.com", role: "lead" });
  });
  it("refuses unknown roles and fields", () => {
    expect(userCreateSchema.safeParse({ email: "a@example.com", role: "owner" }).success).toBe(false);
    expect(userCreateSchema.safeParse({ email: "a@example.com", role: "viewer", admin: true }).success).toBe(false);
  });
});

describe("last active admin", () => {
  const admin = { role: "admin", disabled: false };
  it("refuses to demote, disable or delete the only active admin", () => {
    expect(removesLastAdmin(admin, { role: "lead", disabled: false }, 1)).toBe(true);
    expect(removesLastAdmin(admin, { role: "admin", disabled: true }, 1)).toBe(true);
    expect(removesLastAdmin(admin, null, 1)).toBe(true);
  });
  it("allows it when another active admin is left, and for anyone else", () => {
    expect(removesLastAdmin(admin, null, 2)).toBe(false);
    expect(removesLastAdmin(admin, { role: "admin", disabled: false }, 1)).toBe(false);
    expect(removesLastAdmin({ role: "admin", disabled: true }, null, 1)).toBe(false);
    expect(removesLastAdmin({ role: "viewer", disabled: false }, null, 1)).toBe(false);
  });
});

describe("granting roles", () => {
  it("needs every scope of the role and no instance restriction", () => {
    expect(canGrantRole({ scopes: ["*"], instanceIds: null }, "admin")).toBe(true);
    expect(canGrantRole({ scopes: ["*"], instanceIds: ["i"] }, "viewer")).toBe(false);
    expect(canGrantRole({ scopes: ["users:*"], instanceIds: null }, "viewer")).toBe(false);
    expect(canGrantRole({ scopes: ["users:write", ...scopesForRole("viewer")], instanceIds: null }, "viewer")).toBe(true);
    expect(canGrantRole({ scopes: ["users:write", ...scopesForRole("viewer")], instanceIds: null }, "lead")).toBe(false);
    expect(canGrantRole({ scopes: scopesForRole("lead"), instanceIds: null }, "admin")).toBe(false);
  });
});
