// Dashboard users over the API (../shared/API.md, Additions: "Users and sessions"), the setup link
// they get, and `npm run admin -- create-user` refusing what the API refuses.
import { execFileSync } from "node:child_process";
import { test, expect } from "@playwright/test";
import { bearer, keys } from "../support/env";
import { expectError } from "../support/api";
import { STRONG, signIn, uniq } from "../support/sessions";
import { tsxArgs } from "../../scripts/lib/tsx";

const admin = () => bearer(keys().all.key);
const USER_FIELDS = ["activeSessions", "authMethod", "createdAt", "disabled", "email", "id", "lastSignInAt", "name", "role", "twoFactorEnabled", "updatedAt"];

async function keyWith(request: import("@playwright/test").APIRequestContext, scopes: string[], instanceIds?: string[]) {
  const res = await request.post("/api/v1/keys", { headers: admin(), data: { name: `users-${uniq()}`, scopes, instanceIds } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data.key as string;
}

test.describe("users API", () => {
  test("create, list, get, update, audit, delete — never a hash", async ({ request }) => {
    const email = `Ada.${uniq()}@Example.com`;
    const res = await request.post("/api/v1/users", { headers: admin(), data: { email, name: "Ada", role: "lead", password: STRONG } });
    expect(res.status(), await res.text()).toBe(201);
    const user = (await res.json()).data;
    expect(Object.keys(user).sort()).toEqual(USER_FIELDS);
    expect(user).toMatchObject({ email: email.toLowerCase(), name: "Ada", role: "lead", disabled: false, authMethod: "password", twoFactorEnabled: false, lastSignInAt: null, activeSessions: 0 });

    const ctx = await signIn(email, STRONG);
    const got = (await (await request.get(`/api/v1/users/${user.id}`, { headers: admin() })).json()).data;
    expect(got.activeSessions).toBe(1);
    expect(got.lastSignInAt).not.toBeNull();
    const list = await (await request.get("/api/v1/users?limit=200", { headers: admin() })).json();
    expect(list.items.map((u: { id: string }) => u.id)).toContain(user.id);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|passwordHash|setupToken/);
    const leads = await (await request.get("/api/v1/users?role=lead&limit=200", { headers: admin() })).json();
    expect(leads.items.every((u: { role: string }) => u.role === "lead")).toBe(true);

    const patched = await request.patch(`/api/v1/users/${user.id}`, { headers: admin(), data: { name: "Ada L.", role: "viewer" } });
    expect((await patched.json()).data).toMatchObject({ name: "Ada L.", role: "viewer" });
    await expectError(await request.patch(`/api/v1/users/${user.id}`, { headers: admin(), data: { role: "owner" } }), 400, "VALIDATION_ERROR");
    await expectError(await request.patch(`/api/v1/users/${user.id}`, { headers: admin(), data: { passwordHash: "x" } }), 400, "VALIDATION_ERROR");

    const del = await request.delete(`/api/v1/users/${user.id}`, { headers: admin() });
    expect((await del.json()).data).toEqual({ id: user.id, deleted: true });
    await expectError(await request.get(`/api/v1/users/${user.id}`, { headers: admin() }), 404, "NOT_FOUND");
    await expectError(await request.get("/api/v1/users/not-a-uuid", { headers: admin() }), 404, "NOT_FOUND");

    const audit = await (await request.get(`/api/v1/audit?targetId=${user.id}&limit=50`, { headers: admin() })).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(["user.create", "user.delete", "user.update"]);
    await ctx.dispose();
  });

  test("a malformed email and a weak password are 400 naming the field", async ({ request }) => {
    const bad = await expectError(await request.post("/api/v1/users", { headers: admin(), data: { email: "notanemail", role: "viewer", password: "a" } }), 400, "VALIDATION_ERROR");
    expect(Object.keys(bad.details.fields as object).sort()).toEqual(["email", "password"]);
    const weak = await expectError(await request.post("/api/v1/users", { headers: admin(), data: { email: `w-${uniq()}@e2e.test`, role: "viewer", password: "password1234" } }), 400, "VALIDATION_ERROR");
    expect((weak.details.fields as Record<string, string[]>).password[0]).toMatch(/Too easy to guess/);
    const long = await expectError(await request.post("/api/v1/users", { headers: admin(), data: { email: `w-${uniq()}@e2e.test`, role: "viewer", password: "x".repeat(129) } }), 400, "VALIDATION_ERROR");
    expect(long.details.fields).toHaveProperty("password");
  });

  test("a key never mints a user stronger than itself; restricted keys cannot write users", async ({ request }) => {
    const usersOnly = await keyWith(request, ["users:*"]);
    const e = await expectError(await request.post("/api/v1/users", { headers: bearer(usersOnly), data: { email: `x-${uniq()}@e2e.test`, role: "viewer" } }), 403, "FORBIDDEN");
    expect(e.message).toMatch(/viewer/);
    const viewerGiver = await keyWith(request, ["users:*", "routes:read", "persons:read", "instances:read", "agents:read", "chats:read"]);
    const ok = await request.post("/api/v1/users", { headers: bearer(viewerGiver), data: { email: `x-${uniq()}@e2e.test`, role: "viewer" } });
    expect(ok.status(), await ok.text()).toBe(201);
    const id = (await ok.json()).data.id;
    await expectError(await request.patch(`/api/v1/users/${id}`, { headers: bearer(viewerGiver), data: { role: "admin" } }), 403, "FORBIDDEN");
    const inst = (await (await request.post("/api/v1/instances", { headers: admin(), data: { name: `users-${uniq()}`, channel: "sms" } })).json()).data;
    const restricted = await keyWith(request, ["*"], [inst.id]);
    await expectError(await request.post("/api/v1/users", { headers: bearer(restricted), data: { email: `x-${uniq()}@e2e.test`, role: "viewer" } }), 403, "FORBIDDEN");
    await expectError(await request.patch(`/api/v1/users/${id}`, { headers: bearer(restricted), data: { name: "x" } }), 403, "FORBIDDEN");
    await expectError(await request.delete(`/api/v1/users/${id}`, { headers: bearer(restricted) }), 403, "FORBIDDEN");
  });

  test("without a password: a setup link, shown once, where the user chooses one (policy enforced)", async ({ request, browser }) => {
    const email = `invite-${uniq()}@e2e.test`;
    const res = await request.post("/api/v1/users", { headers: admin(), data: { email, role: "viewer" } });
    expect(res.status()).toBe(201);
    const { data } = await res.json();
    expect(data.setupUrl).toMatch(/^http:\/\/localhost:\d+\/setup-password\?token=[\w-]{40,}$/);
    expect(Date.parse(data.setupExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    const again = await (await request.get(`/api/v1/users/${data.id}`, { headers: admin() })).json();
    expect(again.data).not.toHaveProperty("setupUrl");

    const page = await (await browser.newContext()).newPage();
    await page.goto(data.setupUrl);
    await expect(page.getByText(email)).toBeVisible();
    await page.getByLabel("New password").fill("password1234");
    await page.getByLabel("Repeat the password").fill("password1234");
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByText(/Too easy to guess/)).toBeVisible();
    await page.getByLabel("New password").fill("copper-walrus-meadow-17");
    await page.getByLabel("Repeat the password").fill("copper-walrus-meadow-17");
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByText(/Your password is set/)).toBeVisible();
    const ctx = await signIn(email, "copper-walrus-meadow-17");
    await page.goto(data.setupUrl);
    await expect(page.getByText(/invalid, already used or expired/)).toBeVisible();
    await page.context().close();
    await ctx.dispose();
  });
});

test.describe("npm run admin -- create-user", () => {
  const run = (args: string[]) => {
    try {
      const out = execFileSync(process.execPath, tsxArgs("scripts/admin.ts", "create-user", ...args), {
        env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, OMNI_LOG: "silent" }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
      });
      return { code: 0, out, err: "" };
    } catch (e) {
      const x = e as { status: number; stdout: string; stderr: string };
      return { code: x.status, out: x.stdout, err: x.stderr };
    }
  };

  test("refuses a malformed email and a one-character password (exit 1, with the message)", async () => {
    const r = run(["--email", "notanemail", "--password", "a", "--role", "admin"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/email: Must be a valid email address/);
    expect(r.err).toMatch(/password: Use at least 12 characters/);
    const weak = run(["--email", `w-${uniq()}@e2e.test`, "--password", "password1234", "--role", "viewer"]);
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/password: Too easy to guess/);
  });

  test("adds a user that can sign in", async () => {
    const email = `cli-${uniq()}@e2e.test`;
    const r = run(["--email", email, "--password", STRONG, "--role", "viewer", "--json"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out.trim().split("\n").pop()!)).toMatchObject({ email, role: "viewer" });
    const ctx = await signIn(email, STRONG);
    await ctx.dispose();
  });
});
