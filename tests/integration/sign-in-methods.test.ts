// SSO, proxy-header and two-factor sign-in on a real database, through the services the
// next-auth callbacks and /login/proxy call: users created and updated from the provider's
// claims, disabled and deleted users refused whatever the provider says, the proxy header trusted
// only from OMNI_TRUSTED_PROXIES peers, TOTP codes and recovery codes each accepted once, wrong
// codes throttled like wrong passwords.
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemPrincipal, type Principal } from "@/lib/auth/principal";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { deleteUser } from "@/lib/users/delete-user";
import { oidcSignIn } from "@/lib/sso/oidc-sign-in";
import { proxyIdentity, proxySignIn } from "@/lib/sso/proxy-sign-in";
import { signInMethodsFrom, type OidcConfig } from "@/lib/sso/rules/sign-in-methods";
import { resolveSession } from "@/lib/sessions/session-state";
import { INVALID_CODE, TWO_FACTOR_REQUIRED, passwordSignIn } from "@/lib/auth/password-sign-in";
import { PEER_HEADER } from "@/lib/security/client-address";
import { beginTwoFactorEnrolment, confirmTwoFactorEnrolment } from "@/lib/twofactor/enrolment";
import { resetTwoFactor } from "@/lib/twofactor/reset-two-factor";
import { currentTotp } from "@/lib/twofactor/totp";
import { systemInfo } from "@/lib/system/system-info";
import { AppError } from "@/lib/errors";
import { createSession } from "@/lib/sessions/session-store";
import { principalOfSession } from "@/lib/sessions/session-principal";
import { listRoutes } from "@/lib/routes/list-routes";
import { hasScope, scopesForRole } from "@/lib/auth/rules/scopes";

const uniq = () => Math.random().toString(36).slice(2, 8);
const admin = systemPrincipal("test");
let n = 0;
const freshPeer = () => `172.20.${Math.floor(n / 250)}.${(n++ % 250) + 1}`;

const oidc = (env: Record<string, string> = {}): OidcConfig =>
  signInMethodsFrom({ OMNI_OIDC_ISSUER: "http://127.0.0.1:9/oidc", OMNI_OIDC_CLIENT_ID: "omni", OMNI_OIDC_ROLE_MAP: "omni-admins=admin,omni-leads=lead", ...env }).oidc!;

const ENV_KEYS = ["OMNI_TRUSTED_PROXIES", "OMNI_PROXY_AUTH_HEADER", "OMNI_PROXY_AUTH_DEFAULT_ROLE", "OMNI_OIDC_ISSUER", "OMNI_OIDC_CLIENT_ID", "OMNI_PASSWORD_LOGIN", "OMNI_REQUIRE_2FA"];
afterEach(() => {
  for (const k of ENV_KEYS) delete process.env[k];
});

async function auditOf(userId: string, action: string) {
  return prisma.auditEvent.findMany({ where: { targetId: userId, action }, orderBy: { seq: "asc" } });
}

describe("OpenID Connect sign-in", () => {
  it("creates the user with the mapped role, opens a product session and audits provider and subject", async () => {
    const sub = `sub-${uniq()}`;
    const email = `Ada-${uniq()}@Example.test`;
    const r = await oidcSignIn(oidc(), { sub, email, name: "Ada", groups: ["staff", "omni-admins"] }, { ip: "10.1.1.1" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r).toMatchObject({ created: true, user: { email: email.toLowerCase(), role: "admin", name: "Ada" } });
    const u = await prisma.user.findUniqueOrThrow({ where: { id: r.user.id } });
    expect(u).toMatchObject({ authMethod: "oidc", passwordHash: "", oidcSubject: `http://127.0.0.1:9/oidc|${sub}` });
    expect(await resolveSession(r.sessionId, r.user.id)).toMatchObject({ role: "admin", email: email.toLowerCase() });
    const [ev] = await auditOf(r.user.id, "user.signin");
    expect(ev.after).toMatchObject({ provider: "oidc", subject: `http://127.0.0.1:9/oidc|${sub}`, created: true, role: "admin" });
    expect(ev.ip).toBe("10.1.1.1");
  });

  it("with a role map, later sign-ins take name and role from the claim; without one the Users page's role stays", async () => {
    const sub = `sub-${uniq()}`;
    const email = `lin-${uniq()}@example.test`;
    const first = await oidcSignIn(oidc(), { sub, email, name: "Lin", groups: ["omni-leads"] });
    expect(first.ok && first.user.role).toBe("lead");
    const again = await oidcSignIn(oidc(), { sub, email: `changed-${email}`, name: "Lin Wei", groups: ["omni-admins"] });
    expect(again.ok && again.user).toMatchObject({ id: first.ok && first.user.id, role: "admin", name: "Lin Wei", email });
    // no role map: an admin's change on the Users page is kept
    await updateUser(admin, (first.ok && first.user.id) as string, { role: "viewer" });
    const unmanaged = await oidcSignIn(oidc({ OMNI_OIDC_ROLE_MAP: "" }), { sub, email, name: "Lin Wei", groups: ["omni-admins"] });
    expect(unmanaged.ok && unmanaged.user.role).toBe("viewer");
  });

  it("refuses a user with no mapped group when OMNI_OIDC_DEFAULT_ROLE=none, and gives the default otherwise", async () => {
    const none = await oidcSignIn(oidc({ OMNI_OIDC_DEFAULT_ROLE: "none" }), { sub: uniq(), email: `x-${uniq()}@example.test`, groups: ["marketing"] });
    expect(none).toMatchObject({ ok: false, reason: "unmapped" });
    const dflt = await oidcSignIn(oidc(), { sub: uniq(), email: `y-${uniq()}@example.test`, groups: ["marketing"] });
    expect(dflt.ok && dflt.user.role).toBe("viewer");
    // an existing user whose group was taken away in the provider is refused too
    const sub = uniq();
    const email = `z-${uniq()}@example.test`;
    expect((await oidcSignIn(oidc({ OMNI_OIDC_DEFAULT_ROLE: "none" }), { sub, email, groups: ["omni-leads"] })).ok).toBe(true);
    expect(await oidcSignIn(oidc({ OMNI_OIDC_DEFAULT_ROLE: "none" }), { sub, email, groups: [] })).toMatchObject({ ok: false, reason: "unmapped" });
  });

  it("refuses a user disabled or deleted on the Users page, whatever the provider says", async () => {
    const sub = uniq();
    const email = `gone-${uniq()}@example.test`;
    const r = await oidcSignIn(oidc(), { sub, email, groups: ["omni-leads"] });
    if (!r.ok) throw new Error("expected a sign-in");
    await updateUser(admin, r.user.id, { disabled: true });
    expect(await oidcSignIn(oidc(), { sub, email, groups: ["omni-admins"] })).toMatchObject({ ok: false, reason: "disabled" });
    expect(await resolveSession(r.sessionId, r.user.id)).toBeNull(); // disabling ended the session
    await deleteUser(admin, r.user.id);
    expect(await oidcSignIn(oidc(), { sub, email, groups: ["omni-admins"] })).toMatchObject({ ok: false, reason: "deleted" });
    expect(await oidcSignIn(oidc(), { sub: uniq(), email, groups: ["omni-admins"] })).toMatchObject({ ok: false, reason: "deleted" });
    // an admin adding the email again lifts the block
    await createUser(admin, { email, role: "viewer" });
    expect((await oidcSignIn(oidc(), { sub, email, groups: ["omni-leads"] })).ok).toBe(true);
  });

  it("refuses a claim set without an email, and another subject claiming a linked user's email", async () => {
    expect(await oidcSignIn(oidc(), { sub: uniq(), groups: ["omni-admins"] })).toMatchObject({ ok: false, reason: "no-email" });
    expect(await oidcSignIn(oidc(), { email: `a-${uniq()}@example.test`, groups: ["omni-admins"] })).toMatchObject({ ok: false, reason: "no-email" });
    const email = `twin-${uniq()}@example.test`;
    expect((await oidcSignIn(oidc(), { sub: "one", email, groups: ["omni-leads"] })).ok).toBe(true);
    expect(await oidcSignIn(oidc(), { sub: "two", email, groups: ["omni-admins"] })).toMatchObject({ ok: false, reason: "other-account" });
    // an unverified email does not take over an existing password user
    const pw = `pw-${uniq()}@example.test`;
    await createUser(admin, { email: pw, role: "viewer", password: "granite-otter-lantern-42" });
    expect(await oidcSignIn(oidc(), { sub: uniq(), email: pw, email_verified: false, groups: ["omni-admins"] })).toMatchObject({ ok: false, reason: "other-account" });
    expect(await oidcSignIn(oidc(), { sub: uniq(), email: pw, email_verified: true, groups: ["omni-leads"] })).toMatchObject({ ok: true, created: false });
  });
});

describe("trusted proxy header", () => {
  const setProxy = (defaultRole?: string) => {
    process.env.OMNI_PROXY_AUTH_HEADER = "X-Forwarded-Email";
    process.env.OMNI_TRUSTED_PROXIES = "10.9.0.0/16";
    if (defaultRole) process.env.OMNI_PROXY_AUTH_DEFAULT_ROLE = defaultRole;
  };
  const h = (peer: string, email: string) => ({ [PEER_HEADER]: peer, "x-forwarded-email": email, "user-agent": "vitest" });

  it("signs in an existing user from a trusted peer, and ignores the header from any other peer", async () => {
    setProxy();
    const email = `proxied-${uniq()}@example.test`;
    const user = await createUser(admin, { email, role: "lead" });
    expect(proxyIdentity(h("10.9.3.4", email))).toBe(email);
    expect(proxyIdentity(h("203.0.113.7", email))).toBeNull();
    expect(proxyIdentity({ "x-forwarded-email": email })).toBeNull(); // no peer (not served by the app server)
    expect(await proxySignIn(h("203.0.113.7", email))).toBeNull();
    expect(await proxySignIn({ [PEER_HEADER]: "10.9.3.4", "x-forwarded-for": "10.9.0.1" })).toBeNull(); // no header
    const r = await proxySignIn(h("::ffff:10.9.3.4", email));
    expect(r).toMatchObject({ ok: true, created: false, user: { id: user.id, role: "lead" } });
    const [ev] = await auditOf(user.id, "user.signin");
    expect(ev.after).toMatchObject({ provider: "proxy", subject: email });
  });

  it("creates an unknown email with OMNI_PROXY_AUTH_DEFAULT_ROLE, and refuses it when that is unset", async () => {
    setProxy();
    const email = `new-${uniq()}@example.test`;
    expect(await proxySignIn(h("10.9.0.2", email))).toMatchObject({ ok: false, reason: "unmapped" });
    expect(await prisma.user.findUnique({ where: { email } })).toBeNull();
    process.env.OMNI_PROXY_AUTH_DEFAULT_ROLE = "viewer";
    const r = await proxySignIn(h("10.9.0.2", email));
    expect(r).toMatchObject({ ok: true, created: true, user: { email, role: "viewer" } });
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).authMethod).toBe("proxy");
  });

  it("is off without OMNI_PROXY_AUTH_HEADER, even from a trusted peer", async () => {
    process.env.OMNI_TRUSTED_PROXIES = "10.9.0.0/16";
    expect(await proxySignIn(h("10.9.0.2", "someone@example.test"))).toBeNull();
  });
});

describe("two-factor (TOTP) sign-in", () => {
  const PASSWORD = "granite-otter-lantern-42";
  const signIn = async (email: string, password: string, code: string | undefined, peer: string) => {
    try {
      await passwordSignIn({ email, password, ...(code !== undefined ? { code } : {}) }, { [PEER_HEADER]: peer });
      return "ok";
    } catch (e) {
      return (e as Error).message;
    }
  };
  async function enrolled() {
    const email = `totp-${uniq()}@example.test`;
    const user = await createUser(admin, { email, role: "lead", password: PASSWORD });
    const p: Principal = { type: "session", id: user.id, name: email, scopes: [], instanceIds: null };
    const { secret, otpauthUrl, qrDataUrl } = await beginTwoFactorEnrolment(p);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Omni%20Admin:/);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    await expect(confirmTwoFactorEnrolment(p, "000000" === (await currentTotp(secret)) ? "111111" : "000000")).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    const { recoveryCodes } = await confirmTwoFactorEnrolment(p, await currentTotp(secret));
    return { email, user, p, secret, recoveryCodes };
  }
  const nextStepCode = (secret: string) => currentTotp(secret, Math.floor(Date.now() / 1000) + 30);

  it("enrols with a confirmed code, then asks for a code after the right password and accepts each code once", async () => {
    const { email, user, secret, recoveryCodes, p } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).twoFactorEnabled).toBe(true);
    const stored = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((s) => s.codeHash)).not.toContain(recoveryCodes[0]); // hashes only
    expect((await auditOf(user.id, "user.twofactor"))[0].after).toMatchObject({ twoFactorEnabled: true });
    await expect(beginTwoFactorEnrolment(p)).rejects.toBeInstanceOf(AppError); // already on: 409
    const peer = freshPeer();
    expect(await signIn(email, PASSWORD, undefined, peer)).toBe(TWO_FACTOR_REQUIRED);
    expect(await signIn(email, "wrong-password-123", "123456", peer)).toMatch(/Invalid email or password/);
    const code = await nextStepCode(secret);
    expect(await signIn(email, PASSWORD, code, peer)).toBe("ok");
    expect(await signIn(email, PASSWORD, code, peer)).toBe(INVALID_CODE); // replay of the same code
  });

  it("OMNI_REQUIRE_2FA: until the covered user enrols, their session has no scopes (API, actions, pages), then its role's", async () => {
    process.env.OMNI_REQUIRE_2FA = "admin";
    const email = `due-${uniq()}@example.test`;
    const user = await createUser(admin, { email, role: "admin", password: PASSWORD });
    const sid = await createSession({ userId: user.id });
    const due = await resolveSession(sid, user.id);
    expect(due).toMatchObject({ role: "admin", twoFactorDue: true });
    const p = principalOfSession(due!);
    expect(p.scopes).toEqual([]);
    await expect(listRoutes(p, { limit: 5, sort: "createdAt", order: "desc" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // enrolment is the one thing the session can do; afterwards the same session has the admin's scopes
    const { secret } = await beginTwoFactorEnrolment(p);
    await confirmTwoFactorEnrolment(p, await currentTotp(secret));
    const enrolled = await resolveSession(sid, user.id);
    expect(enrolled).toMatchObject({ twoFactorDue: false });
    expect(principalOfSession(enrolled!).scopes).toEqual(scopesForRole("admin"));
    expect(hasScope(principalOfSession(enrolled!).scopes, "routes:read")).toBe(true);
    // a role the policy does not cover is not held back
    const lead = await createUser(admin, { email: `lead-${uniq()}@example.test`, role: "lead", password: PASSWORD });
    expect(await resolveSession(await createSession({ userId: lead.id }), lead.id)).toMatchObject({ twoFactorDue: false });
  });

  it("throttles wrong codes exactly like wrong passwords", async () => {
    const { email, secret } = await enrolled();
    const peer = freshPeer();
    const answers: string[] = [];
    for (let i = 0; i < 8; i++) answers.push(await signIn(email, PASSWORD, "000001", peer));
    expect(answers.slice(0, 6)).toEqual(Array(6).fill(INVALID_CODE));
    for (const a of answers.slice(6)) expect(a).toMatch(/^Too many failed sign-in attempts/);
    // and the right code is refused too while throttled
    expect(await signIn(email, PASSWORD, await nextStepCode(secret), peer)).toMatch(/^Too many failed sign-in attempts/);
  });

  it("accepts a recovery code once; an admin reset turns two-factor off (audited)", async () => {
    const { email, user, recoveryCodes } = await enrolled();
    const peer = freshPeer();
    expect(await signIn(email, PASSWORD, recoveryCodes[3].toUpperCase(), peer)).toBe("ok");
    expect(await signIn(email, PASSWORD, recoveryCodes[3], freshPeer())).toBe(INVALID_CODE);
    expect(await signIn(email, PASSWORD, recoveryCodes[4], freshPeer())).toBe("ok");
    const view = await resetTwoFactor(admin, user.id);
    expect(view.twoFactorEnabled).toBe(false);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const evs = await auditOf(user.id, "user.twofactor");
    expect(evs.at(-1)?.after).toMatchObject({ twoFactorEnabled: false, reset: true });
    expect(await signIn(email, PASSWORD, undefined, freshPeer())).toBe("ok");
    // a reset of a user without two-factor writes nothing
    await resetTwoFactor(admin, user.id);
    expect(await auditOf(user.id, "user.twofactor")).toHaveLength(evs.length);
  });
});

describe("/info", () => {
  it("lists the sign-in methods that are on and the two-factor policy", () => {
    expect(systemInfo()).toMatchObject({ authModes: ["apiKey", "session", "password"], twoFactor: "optional" });
    process.env.OMNI_OIDC_ISSUER = "https://idp.example/realms/acme";
    process.env.OMNI_OIDC_CLIENT_ID = "omni";
    process.env.OMNI_PROXY_AUTH_HEADER = "x-forwarded-email";
    process.env.OMNI_REQUIRE_2FA = "admin";
    expect(systemInfo()).toMatchObject({ authModes: ["apiKey", "session", "password", "oidc", "proxy"], twoFactor: "admin" });
    process.env.OMNI_PASSWORD_LOGIN = "off";
    expect(systemInfo()).toMatchObject({ authModes: ["apiKey", "session", "oidc", "proxy"], twoFactor: "off" });
  });
});
