// Users service on a real database: who may create / change whom, the last active admin, the
// password policy, and sessions that end (disable, reset, delete, revoke, own password change)
// or carry the new role (role change) on the very next resolution.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemPrincipal, type Principal } from "@/lib/auth/principal";
import { scopesForRole } from "@/lib/auth/rules/scopes";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { deleteUser } from "@/lib/users/delete-user";
import { getUser, listUsers } from "@/lib/users/read-users";
import { completePasswordSetup, resetUserPassword, setupLinkStatus } from "@/lib/users/password-reset";
import { revokeSessionsOfUser } from "@/lib/users/revoke-sessions";
import { changeOwnPassword, getAccount, updateAccount } from "@/lib/users/account";
import { authenticate } from "@/lib/users/authenticate";
import { createSession, endSession } from "@/lib/sessions/session-store";
import { resolveSession } from "@/lib/sessions/session-state";
import { principalOfSession } from "@/lib/sessions/session-principal";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { uniq, expectCode } from "../support/expect-code";

const sys = systemPrincipal("users-test");
const PW = "granite-otter-lantern-42";
const key = (scopes: string[], instanceIds: string[] | null = null): Principal => ({ type: "apiKey", id: `k-${uniq()}`, name: "test key", scopes, instanceIds });


async function user(role: "admin" | "lead" | "viewer", password: string | undefined = PW) {
  return createUser(sys, { email: `${role}-${uniq()}@example.com`, role, name: `Test ${role}`, password });
}

/** Signs in the way next-auth does (a Session row), returns the cookie's claims. */
async function signIn(u: { id: string }) {
  return { sid: await createSession({ userId: u.id, ip: "127.0.0.1", userAgent: "vitest" }), sub: u.id };
}
const alive = async (c: { sid: string; sub: string }) => resolveSession(c.sid, c.sub);

beforeAll(async () => {
  await prisma.user.deleteMany({}); // a known state: no admin yet
});

describe("password policy and email", () => {
  it("refuses a weak password at the service (400 naming password) and stores nothing", async () => {
    const email = `weak-${uniq()}@example.com`;
    const e = await expectCode(createUser(sys, { email, role: "viewer", password: "password1234" }), "VALIDATION_ERROR");
    expect((e.details!.fields as Record<string, string[]>).password[0]).toMatch(/Too easy to guess/);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("refuses a duplicate email with 409", async () => {
    const u = await user("viewer");
    await expectCode(createUser(sys, { email: u.email.toUpperCase(), role: "viewer", password: PW }), "CONFLICT");
  });
});

describe("who may create and manage whom", () => {
  it("needs users:write, every scope of the role, and no instance restriction (403)", async () => {
    const viewerGiver = key(["users:write", ...scopesForRole("viewer")]);
    await expectCode(createUser(key(["users:read"]), { email: `a-${uniq()}@example.com`, role: "viewer" }), "FORBIDDEN");
    await expectCode(createUser(key(["users:*"]), { email: `a-${uniq()}@example.com`, role: "viewer" }), "FORBIDDEN");
    await expectCode(createUser(viewerGiver, { email: `a-${uniq()}@example.com`, role: "lead" }), "FORBIDDEN");
    await expectCode(createUser(key(["*"], ["00000000-0000-4000-8000-000000000001"]), { email: `a-${uniq()}@example.com`, role: "viewer" }), "FORBIDDEN");
    const v = await createUser(viewerGiver, { email: `a-${uniq()}@example.com`, role: "viewer" });
    expect(v.role).toBe("viewer");
    // …and cannot promote it, nor touch an admin
    await expectCode(updateUser(viewerGiver, v.id, { role: "admin" }), "FORBIDDEN");
    const a = await user("admin");
    await expectCode(updateUser(viewerGiver, a.id, { disabled: true }), "FORBIDDEN");
    await expectCode(deleteUser(viewerGiver, a.id), "FORBIDDEN");
    await expectCode(resetUserPassword(viewerGiver, a.id), "FORBIDDEN");
    await expectCode(revokeSessionsOfUser(viewerGiver, a.id), "FORBIDDEN");
    expect((await getUser(sys, a.id)).disabled).toBe(false);
  });

  it("a session's rights are its role's: a lead cannot read or write users", async () => {
    const lead = await user("lead");
    const p = principalOfSession((await alive(await signIn(lead)))!);
    await expectCode(listUsers(p, { limit: 20 }), "FORBIDDEN");
    await expectCode(createUser(p, { email: `x-${uniq()}@example.com`, role: "viewer" }), "FORBIDDEN");
  });
});

describe("the last active admin", () => {
  it("cannot be demoted, disabled or deleted (409); can once another admin exists", async () => {
    await prisma.user.updateMany({ where: { role: "admin" }, data: { role: "viewer" } });
    const only = await user("admin");
    await expectCode(updateUser(sys, only.id, { role: "lead" }), "CONFLICT");
    await expectCode(updateUser(sys, only.id, { disabled: true }), "CONFLICT");
    await expectCode(deleteUser(sys, only.id), "CONFLICT");
    expect(await getUser(sys, only.id)).toMatchObject({ role: "admin", disabled: false });
    const second = await user("admin");
    await updateUser(sys, only.id, { role: "lead" });
    await expectCode(deleteUser(sys, second.id), "CONFLICT"); // now the last one
    const third = await user("admin");
    await updateUser(sys, second.id, { disabled: true });
    await expectCode(updateUser(sys, third.id, { disabled: true }), "CONFLICT");
  });
});

describe("sessions", () => {
  it("disable ends every session at once; enable does not revive them", async () => {
    const u = await user("viewer");
    const [a, b] = [await signIn(u), await signIn(u)];
    expect(await alive(a)).toMatchObject({ userId: u.id, role: "viewer" });
    expect((await getUser(sys, u.id)).activeSessions).toBe(2);
    await updateUser(sys, u.id, { disabled: true });
    expect(await alive(a)).toBeNull();
    expect(await alive(b)).toBeNull();
    expect(await authenticate(u.email, PW)).toBeNull();
    await updateUser(sys, u.id, { disabled: false });
    expect(await alive(a)).toBeNull();
    expect(await alive(await signIn(u))).not.toBeNull();
  });

  it("a role change keeps the session and applies the new scopes on the next resolution", async () => {
    const u = await user("viewer");
    const c = await signIn(u);
    const before = principalOfSession((await alive(c))!);
    expect(before.scopes).not.toContain("keys:read");
    await updateUser(sys, u.id, { role: "lead" });
    const after = principalOfSession((await alive(c))!);
    expect(after.role).toBe("lead");
    expect(after.scopes).toContain("keys:read");
    expect(after.scopes).toContain("audit:revert");
  });

  it("sign-out ends that session only; revoke ends them all", async () => {
    const u = await user("lead");
    const [a, b, c] = [await signIn(u), await signIn(u), await signIn(u)];
    await endSession(a.sid);
    expect(await alive(a)).toBeNull();
    expect(await alive(b)).not.toBeNull();
    expect(await revokeSessionsOfUser(sys, u.id)).toEqual({ userId: u.id, revokedSessions: 2 });
    expect(await alive(b)).toBeNull();
    expect(await alive(c)).toBeNull();
  });

  it("a cookie naming another user's session is refused", async () => {
    const [u, v] = [await user("viewer"), await user("viewer")];
    const c = await signIn(u);
    expect(await resolveSession(c.sid, v.id)).toBeNull();
    expect(await resolveSession(undefined, u.id)).toBeNull();
  });

  it("password reset ends sessions and the old password; the setup link sets a new one once", async () => {
    const u = await user("viewer");
    const c = await signIn(u);
    const r = await resetUserPassword(sys, u.id, { origin: "http://omni.test" });
    expect(r.setupUrl).toMatch(/^http:\/\/omni\.test\/setup-password\?token=[\w-]{40,}$/);
    expect(r.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(await alive(c)).toBeNull();
    expect(await authenticate(u.email, PW)).toBeNull();
    const token = new URL(r.setupUrl).searchParams.get("token")!;
    expect(await setupLinkStatus(token)).toMatchObject({ email: u.email });
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(stored.setupTokenHash).not.toContain(token); // only a hash is kept
    const weak = await expectCode(completePasswordSetup(token, "password1234"), "VALIDATION_ERROR");
    expect(weak.details!.fields).toHaveProperty("password");
    await completePasswordSetup(token, "copper-walrus-meadow-17");
    expect(await authenticate(u.email, "copper-walrus-meadow-17")).toMatchObject({ id: u.id });
    await expectCode(completePasswordSetup(token, "another-fine-passphrase-9"), "VALIDATION_ERROR"); // used up
    expect(await setupLinkStatus(token)).toBeNull();
  });

  it("a user created without a password gets a setup link and cannot sign in until it is used", async () => {
    const u = await createUser(sys, { email: `invite-${uniq()}@example.com`, role: "lead" }, { origin: "http://omni.test" });
    expect("setupUrl" in u && u.setupUrl).toMatch(/\/setup-password\?token=/);
    expect(await authenticate(u.email, "")).toBeNull();
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(stored.passwordHash).toBe("");
    expect(stored.mustChangePassword).toBe(true);
  });

  it("changing one's own password ends the user's OTHER sessions", async () => {
    const u = await user("lead");
    const [mine, other] = [await signIn(u), await signIn(u)];
    const me = principalOfSession((await alive(mine))!);
    const wrong = await expectCode(changeOwnPassword(me, { currentPassword: "not-it", newPassword: "copper-walrus-meadow-17" }), "VALIDATION_ERROR");
    expect(wrong.details!.fields).toHaveProperty("currentPassword");
    await expectCode(changeOwnPassword(me, { currentPassword: PW, newPassword: "password1234" }), "VALIDATION_ERROR");
    expect(await changeOwnPassword(me, { currentPassword: PW, newPassword: "copper-walrus-meadow-17" })).toEqual({ revokedSessions: 1 });
    expect(await alive(mine)).not.toBeNull();
    expect(await alive(other)).toBeNull();
    expect(await authenticate(u.email, "copper-walrus-meadow-17")).not.toBeNull();
  });

  it("deleting a user ends their sessions", async () => {
    const u = await user("viewer");
    const c = await signIn(u);
    await deleteUser(sys, u.id);
    expect(await alive(c)).toBeNull();
    await expectCode(getUser(sys, u.id), "NOT_FOUND");
  });
});

describe("account", () => {
  it("is for sessions only, and sets one's own name", async () => {
    const u = await user("viewer");
    const me = principalOfSession((await alive(await signIn(u)))!);
    await expectCode(getAccount(key(["*"])), "FORBIDDEN");
    expect(await updateAccount(me, { name: "Renamed" })).toMatchObject({ id: u.id, name: "Renamed", mustChangePassword: false });
  });
});

describe("audit", () => {
  it("records every change under its action, and a PATCH that changes nothing writes nothing", async () => {
    const u = await user("viewer");
    await updateUser(sys, u.id, { name: "New name", role: "lead" });
    await updateUser(sys, u.id, { disabled: true });
    await updateUser(sys, u.id, { disabled: false });
    await resetUserPassword(sys, u.id);
    await revokeSessionsOfUser(sys, u.id);
    const before = await prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    const count = await prisma.auditEvent.count({ where: { targetId: u.id } });
    const same = await updateUser(sys, u.id, { name: "New name", role: "lead", disabled: false });
    expect(same.updatedAt).toEqual(before.updatedAt);
    expect(await prisma.auditEvent.count({ where: { targetId: u.id } })).toBe(count);
    await deleteUser(sys, u.id);
    const actions = (await prisma.auditEvent.findMany({ where: { targetId: u.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user.create", "user.update", "user.disable", "user.enable", "user.password", "user.signout", "user.delete"]);
    const all = JSON.stringify(await prisma.auditEvent.findMany({ where: { targetId: u.id } }));
    expect(all).not.toContain("scrypt$");
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
