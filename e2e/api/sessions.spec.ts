// Sessions that really end (../shared/API.md, Additions: "Users and sessions"): a cookie saved
// before sign-out is refused after it; disable, password reset, revoke and delete end every
// session of the user; a role change keeps the session with the new scopes from the next request.
import { test, expect } from "@playwright/test";
import { bearer, keys } from "../support/env";
import { expectError } from "../support/api";
import { createUser, replay, signIn, signOut, status } from "../support/sessions";

const admin = () => bearer(keys().all.key);

test.describe("sessions", () => {
  test("a cookie saved before sign-out gets 401 after it (API and pages)", async ({ request }) => {
    const u = await createUser(request, "admin");
    const ctx = await signIn(u.email, u.password);
    const before = await status(ctx);
    expect(before.code).toBe(200);
    expect(before.body.data).toMatchObject({ type: "session", id: u.id, name: u.email, role: "admin", scopes: ["*"], instanceIds: null });
    const saved = await ctx.storageState();
    await signOut(ctx);
    const again = await replay(saved);
    await expectError(await again.get("/api/v1/auth/status"), 401, "UNAUTHENTICATED");
    expect(await (await again.get("/api/auth/session")).json()).toEqual({});
    const page = await again.get("/routes");
    expect(page.url()).toContain("/login");
    await Promise.all([ctx.dispose(), again.dispose()]);
  });

  test("signing out one session leaves the user's other sessions alone", async ({ request }) => {
    const u = await createUser(request, "viewer");
    const [a, b] = [await signIn(u.email, u.password), await signIn(u.email, u.password)];
    await signOut(a);
    expect((await status(b)).code).toBe(200);
    await Promise.all([a.dispose(), b.dispose()]);
  });

  test("disable → 401 on the next request; enable does not revive the old cookie", async ({ request }) => {
    const u = await createUser(request, "lead");
    const ctx = await signIn(u.email, u.password);
    expect((await status(ctx)).code).toBe(200);
    const res = await request.patch(`/api/v1/users/${u.id}`, { headers: admin(), data: { disabled: true } });
    expect(res.status(), await res.text()).toBe(200);
    expect((await res.json()).data).toMatchObject({ disabled: true, activeSessions: 0 });
    await expectError(await ctx.get("/api/v1/auth/status"), 401, "UNAUTHENTICATED");
    expect((await request.patch(`/api/v1/users/${u.id}`, { headers: admin(), data: { disabled: false } })).status()).toBe(200);
    await expectError(await ctx.get("/api/v1/auth/status"), 401, "UNAUTHENTICATED");
    await ctx.dispose();
  });

  test("a role change keeps the session and applies the new scopes on the next request", async ({ request }) => {
    const u = await createUser(request, "viewer");
    const ctx = await signIn(u.email, u.password);
    await expectError(await ctx.get("/api/v1/keys"), 403, "FORBIDDEN");
    expect((await request.patch(`/api/v1/users/${u.id}`, { headers: admin(), data: { role: "lead" } })).status()).toBe(200);
    expect((await ctx.get("/api/v1/keys")).status()).toBe(200);
    const s = await status(ctx);
    expect(s.body.data.role).toBe("lead");
    expect(s.body.data.scopes).toContain("audit:revert");
    expect((await request.patch(`/api/v1/users/${u.id}`, { headers: admin(), data: { role: "viewer" } })).status()).toBe(200);
    await expectError(await ctx.get("/api/v1/keys"), 403, "FORBIDDEN");
    await ctx.dispose();
  });

  test("password reset, revoke-sessions and delete each end every session", async ({ request }) => {
    const u = await createUser(request, "viewer");
    let ctx = await signIn(u.email, u.password);
    const reset = await request.post(`/api/v1/users/${u.id}/password-reset`, { headers: admin(), data: {} });
    expect(reset.status(), await reset.text()).toBe(200);
    const { data } = await reset.json();
    expect(Object.keys(data).sort()).toEqual(["expiresAt", "setupUrl"]);
    expect(data.setupUrl).toMatch(/\/setup-password\?token=/);
    await expectError(await ctx.get("/api/v1/auth/status"), 401, "UNAUTHENTICATED");
    await ctx.dispose();

    const v = await createUser(request, "viewer");
    const [a, b] = [await signIn(v.email, v.password), await signIn(v.email, v.password)];
    const revoked = await request.post(`/api/v1/users/${v.id}/sessions/revoke`, { headers: admin(), data: {} });
    expect((await revoked.json()).data).toEqual({ userId: v.id, revokedSessions: 2 });
    for (const c of [a, b]) await expectError(await c.get("/api/v1/auth/status"), 401, "UNAUTHENTICATED");

    ctx = await signIn(v.email, v.password);
    expect((await request.delete(`/api/v1/users/${v.id}`, { headers: admin() })).status()).toBe(200);
    await expectError(await ctx.get("/api/v1/auth/status"), 401, "UNAUTHENTICATED");
    await Promise.all([a.dispose(), b.dispose(), ctx.dispose()]);
  });

  test("changing one's own password ends the other sessions, not this one", async ({ request }) => {
    const u = await createUser(request, "lead");
    const [mine, other] = [await signIn(u.email, u.password), await signIn(u.email, u.password)];
    await expectError(await mine.post("/api/v1/account/password", { data: { currentPassword: "wrong-one", newPassword: "copper-walrus-meadow-17" } }), 400, "VALIDATION_ERROR");
    const weak = await expectError(await mine.post("/api/v1/account/password", { data: { currentPassword: u.password, newPassword: "a" } }), 400, "VALIDATION_ERROR");
    expect(weak.details.fields).toHaveProperty("newPassword");
    const res = await mine.post("/api/v1/account/password", { data: { currentPassword: u.password, newPassword: "copper-walrus-meadow-17" } });
    expect(res.status(), await res.text()).toBe(200);
    expect((await res.json()).data).toEqual({ revokedSessions: 1 });
    expect((await status(mine)).code).toBe(200);
    await expectError(await other.get("/api/v1/auth/status"), 401, "UNAUTHENTICATED");
    const fresh = await signIn(u.email, "copper-walrus-meadow-17");
    await Promise.all([mine.dispose(), other.dispose(), fresh.dispose()]);
  });

  test("/account: own profile for a session, 403 for API keys", async ({ request }) => {
    const u = await createUser(request, "viewer");
    const ctx = await signIn(u.email, u.password);
    const me = await ctx.get("/api/v1/account");
    expect((await me.json()).data).toMatchObject({ id: u.id, email: u.email, role: "viewer", mustChangePassword: false });
    const renamed = await ctx.patch("/api/v1/account", { data: { name: "Renamed Viewer" } });
    expect((await renamed.json()).data.name).toBe("Renamed Viewer");
    await expectError(await ctx.patch("/api/v1/account", { data: { role: "admin" } }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/account", { headers: admin() }), 403, "FORBIDDEN");
    await ctx.dispose();
  });
});

test.describe("one role vocabulary (sessions of the seeded users)", () => {
  test("a lead reads keys and audit, reverts, and cannot write keys or touch users", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: ".tmp/e2e/state-lead.json" });
    const s = (await (await ctx.request.get("/api/v1/auth/status")).json()).data;
    expect(s.role).toBe("lead");
    expect([...s.scopes].sort()).toEqual(["agents:read", "audit:read", "audit:revert", "chats:read", "instances:read", "keys:read", "persons:read", "routes:read"]);
    expect((await ctx.request.get("/api/v1/keys")).status()).toBe(200);
    expect((await ctx.request.get("/api/v1/audit")).status()).toBe(200);
    await expectError(await ctx.request.post("/api/v1/keys", { data: { name: "x", scopes: ["routes:read"] } }), 403, "FORBIDDEN");
    await expectError(await ctx.request.get("/api/v1/users"), 403, "FORBIDDEN");
    await ctx.close();
  });

  test("a viewer reads routes, persons, instances, agents, chats only", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: ".tmp/e2e/state-viewer.json" });
    const s = (await (await ctx.request.get("/api/v1/auth/status")).json()).data;
    expect([...s.scopes].sort()).toEqual(["agents:read", "chats:read", "instances:read", "persons:read", "routes:read"]);
    for (const path of ["/api/v1/keys", "/api/v1/audit", "/api/v1/users"]) await expectError(await ctx.request.get(path), 403, "FORBIDDEN");
    await ctx.close();
  });
});
