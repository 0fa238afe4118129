import { describe, expect, inject, it } from "vitest";
import { omni, omniFails, omniJson } from "./support/run";

const { apiUrl, keys } = inject("cli");
const env = { OMNI_API_KEY: keys.admin.key, OMNI_API_URL: apiUrl };
const uniq = () => Math.random().toString(36).slice(2, 8);

type User = { id: string; email: string; name: string | null; role: string; disabled: boolean; activeSessions: number; setupUrl?: string; setupExpiresAt?: string };

describe("omni users (--json: one JSON document on stdout)", () => {
  it("create → list → get → update → disable → enable → reset-password → revoke-sessions → delete", async () => {
    const email = `cli-${uniq()}@example.com`;
    const created = await omniJson<User>(["users", "create", "--email", email, "--role", "lead", "--name", "CLI Lead"], { env });
    expect(created).toMatchObject({ email, role: "lead", name: "CLI Lead", disabled: false, activeSessions: 0 });
    expect(created.setupUrl).toMatch(/\/setup-password\?token=/);
    expect(created).not.toHaveProperty("passwordHash");

    const withPassword = await omniJson<User>(["users", "create", "--email", `pw-${uniq()}@example.com`, "--role", "viewer", "--password-stdin"], { env, input: "granite-otter-lantern-42\n" });
    expect(withPassword.setupUrl).toBeUndefined();

    const list = await omniJson<{ items: User[]; nextCursor: string | null }>(["users", "list", "--role", "lead", "--all"], { env });
    expect(list.items.map((u) => u.id)).toContain(created.id);
    expect(list.items.every((u) => u.role === "lead")).toBe(true);
    expect(await omniJson<User>(["users", "get", created.id], { env })).toMatchObject({ id: created.id, email });

    expect(await omniJson<User>(["users", "update", created.id, "--role", "viewer", "--name", ""], { env })).toMatchObject({ role: "viewer", name: null });
    expect(await omniJson<User>(["users", "disable", created.id], { env })).toMatchObject({ disabled: true });
    expect(await omniJson<User>(["users", "enable", created.id], { env })).toMatchObject({ disabled: false });

    const reset = await omniJson<{ setupUrl: string; expiresAt: string }>(["users", "reset-password", created.id], { env });
    expect(reset.setupUrl).toMatch(/\/setup-password\?token=/);
    expect(await omniJson(["users", "revoke-sessions", created.id], { env })).toEqual({ userId: created.id, revokedSessions: 0 });

    expect(await omniJson(["users", "delete", created.id], { env })).toEqual({ id: created.id, deleted: true });
    await omniFails(5, ["users", "get", created.id], { env });
  });

  it("refuses a malformed email or a weak password locally (exit 1, naming the option)", async () => {
    const bad = await omniFails(1, ["users", "create", "--email", "notanemail", "--role", "admin", "--password", "a"], { env });
    expect(bad.err.fields).toHaveProperty("--email");
    expect(bad.err.fields).toHaveProperty("--password");
    const weak = await omniFails(1, ["users", "create", "--email", `w-${uniq()}@example.com`, "--role", "viewer", "--password", "password1234"], { env });
    expect(weak.err.fields!["--password"][0]).toMatch(/Too easy to guess/);
    await omniFails(1, ["users", "update", keys.admin.id], { env });
  });

  it("a key without users:write, or weaker than the role, gets exit 2", async () => {
    await omniFails(2, ["users", "list"], { env: { ...env, OMNI_API_KEY: keys.routesReader.key } });
    const usersOnly = await omniJson<{ key: string }>(["keys", "create", "--name", "users only", "--scopes", "users:*"], { env });
    const r = await omniFails(2, ["users", "create", "--email", `x-${uniq()}@example.com`, "--role", "viewer"], { env: { ...env, OMNI_API_KEY: usersOnly.key } });
    expect(r.err.detail).toMatch(/viewer/);
  });

  it("prints tables for people", async () => {
    const r = await omni(["users", "list"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/EMAIL\s+NAME\s+ROLE/);
  });
});
