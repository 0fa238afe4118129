// The account page's session list and the Users page's list, on a real database: only the
// caller's own live sessions (ended and idle ones left out), the current one marked; API keys have
// no account; users waiting for a setup link are flagged, an expired link too.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemPrincipal, type Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { listOwnSessions } from "@/lib/users/account";
import { listUsersOverview } from "@/lib/users/read-users";
import { resetUserPassword } from "@/lib/users/password-reset";
import { createSession, endSession, SESSION_MAX_AGE_SECONDS } from "@/lib/sessions/session-store";
import { resolveSession } from "@/lib/sessions/session-state";
import { principalOfSession } from "@/lib/sessions/session-principal";

const sys = systemPrincipal("account-sessions-test");
const PW = "granite-otter-lantern-42";
const uniq = () => Math.random().toString(36).slice(2, 8);
/** `password` null: created with a setup link instead */
const newUser = (role: "admin" | "viewer", password: string | null = PW) =>
  createUser(sys, { email: `${role}-${uniq()}@example.com`, role, name: `Test ${role}`, password: password ?? undefined });

async function principalFor(sid: string, userId: string): Promise<Principal> {
  const u = await resolveSession(sid, userId);
  expect(u, "session resolves").not.toBeNull();
  return principalOfSession(u!);
}

describe("listOwnSessions", () => {
  it("lists the caller's live sessions only, newest seen first, the current one marked", async () => {
    const me = await newUser("viewer");
    const other = await newUser("viewer");
    const current = await createSession({ userId: me.id, ip: "203.0.113.7", userAgent: "Firefox on the desk" });
    const phone = await createSession({ userId: me.id, ip: "::ffff:198.51.100.2", userAgent: "Safari on a phone" });
    const ended = await createSession({ userId: me.id, ip: "192.0.2.1", userAgent: "signed out" });
    const idle = await createSession({ userId: me.id, ip: "192.0.2.2", userAgent: "idle" });
    await createSession({ userId: other.id, ip: "192.0.2.3", userAgent: "someone else" });
    await endSession(ended);
    await prisma.session.update({ where: { id: idle }, data: { lastSeenAt: new Date(Date.now() - (SESSION_MAX_AGE_SECONDS + 60) * 1000) } });
    await prisma.session.update({ where: { id: phone }, data: { lastSeenAt: new Date(Date.now() + 1000) } });

    const sessions = await listOwnSessions(await principalFor(current, me.id));
    expect(sessions.map((s) => s.id)).toEqual([phone, current]);
    expect(sessions.find((s) => s.id === current)).toMatchObject({ current: true, ip: "203.0.113.7", userAgent: "Firefox on the desk" });
    expect(sessions.find((s) => s.id === phone)).toMatchObject({ current: false, userAgent: "Safari on a phone" });
    expect(sessions[0].createdAt).toBeInstanceOf(Date);
    expect(sessions[0].lastSeenAt).toBeInstanceOf(Date);
  });

  it("is for signed-in users only: an API key gets 403", async () => {
    const key: Principal = { type: "apiKey", id: "k", name: "key", scopes: ["*"], instanceIds: null };
    const e = await listOwnSessions(key).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("FORBIDDEN");
  });
});

describe("listUsersOverview", () => {
  it("flags users without a password of their own, and setup links that expired", async () => {
    const ready = await newUser("viewer");
    const invited = await newUser("viewer", null);
    const reset = await newUser("viewer");
    await resetUserPassword(sys, reset.id);
    const late = await newUser("viewer", null);
    await prisma.user.update({ where: { id: late.id }, data: { setupTokenExpiresAt: new Date(Date.now() - 1000) } });

    const rows = new Map((await listUsersOverview(sys)).map((r) => [r.id, r]));
    expect(rows.get(ready.id)).toMatchObject({ mustSetPassword: false, setupExpiresAt: null, setupLinkExpired: false });
    expect(rows.get(invited.id)).toMatchObject({ mustSetPassword: true, setupLinkExpired: false });
    expect(rows.get(invited.id)!.setupExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(rows.get(reset.id)).toMatchObject({ mustSetPassword: true, setupLinkExpired: false });
    expect(rows.get(late.id)).toMatchObject({ mustSetPassword: true, setupLinkExpired: true });
    expect(Object.keys(rows.get(ready.id)!)).not.toContain("passwordHash");
  });

  it("needs users:read", async () => {
    const lead: Principal = { type: "session", id: "x", name: "lead", scopes: ["routes:read", "keys:read"], instanceIds: null };
    const e = await listUsersOverview(lead).then(() => null, (x: unknown) => x);
    expect((e as AppError).code).toBe("FORBIDDEN");
  });
});
