// Signing in someone an identity provider (OpenID Connect) or an authenticating proxy vouches
// for: find or create their user, apply the role their groups give, refuse disabled and deleted
// users whatever the provider says, open a product session (table Session) and audit it.
import "server-only";
import { prisma } from "../db";
import type { Role } from "../auth/rules/scopes";
import { isRole } from "../auth/rules/scopes";
import type { Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { lockUserWrites } from "../users/user-view";
import { emitChange } from "../events/changes";
import { flushChangeBus } from "../events/change-bus";
import { isSignInBlocked } from "./sign-in-block";
import { log } from "../log";

export type ExternalIdentity = {
  method: "oidc" | "proxy";
  /** as the provider gives it; compared lower-cased */
  email: string;
  name?: string | null;
  /** OIDC: "<issuer>|<sub>" (the stable account id); proxy: null */
  subject?: string | null;
  /** the role the provider's groups (or the default) give; null: none (a new user is refused) */
  role: Role | null;
  /** true with a role map: the provider decides the role at every sign-in (null role refuses) */
  roleManaged: boolean;
  /** false when the provider says the email is unverified: an existing user is then not linked by email */
  emailVerified?: boolean;
};

export type ExternalRefusal = "no-email" | "unmapped" | "disabled" | "deleted" | "other-account";

type Refused = { ok: false; reason: ExternalRefusal; message: string };

export type ExternalSignInResult =
  | { ok: true; user: { id: string; email: string; name: string | null; role: Role }; sessionId: string; created: boolean }
  | Refused;

const MESSAGES: Record<ExternalRefusal, string> = {
  "no-email": "Your identity provider did not give an email address.",
  unmapped: "Your account has no role in Omni Admin. Ask an administrator for access.",
  disabled: "This account is disabled. Ask an administrator for access.",
  deleted: "This account was removed. Ask an administrator for access.",
  "other-account": "This email belongs to another single sign-on account.",
};

const refuse = (reason: ExternalRefusal): Refused => ({ ok: false, reason, message: MESSAGES[reason] });

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Signs `id` in: the user is found by subject, else by email, else created (with `id.role`,
 * refused when null). Disabled users, and users deleted on the Users page, are refused. With
 * `roleManaged` the role follows `id.role` (refused when null); the name follows the provider's.
 * Opens a Session row (its id goes in the cookie) and writes `user.signin` with
 * `{ provider, subject, created, role }`. Refusals resolve `{ ok: false, reason, message }`.
 */
export async function externalSignIn(id: ExternalIdentity, meta: { ip?: string | null; userAgent?: string | null } = {}): Promise<ExternalSignInResult> {
  const email = id.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 320) return refuse("no-email");
  const name = id.name?.trim().slice(0, 200) || null;
  const subject = id.subject || null;
  const out = await prisma.$transaction(async (tx) => {
    await lockUserWrites(tx);
    let user = subject ? await tx.user.findUnique({ where: { oidcSubject: subject } }) : null;
    if (!user) {
      user = await tx.user.findUnique({ where: { email } });
      // someone else's SSO account, or an unverified email claiming an existing user
      if (user && subject && ((user.oidcSubject && user.oidcSubject !== subject) || id.emailVerified === false)) return refuse("other-account");
    }
    if (!user && (await isSignInBlocked(tx, { email, oidcSubject: subject }))) return refuse("deleted");
    if (user?.disabled) return refuse("disabled");
    const created = !user;
    const before = user;
    if (!user) {
      if (!id.role) return refuse("unmapped");
      user = await tx.user.create({
        data: { email, name, role: id.role, authMethod: id.method, passwordHash: "", oidcSubject: subject, lastSignInAt: new Date() },
      });
    } else {
      if (id.roleManaged && !id.role) return refuse("unmapped");
      const data: { name?: string; role?: string; oidcSubject?: string; lastSignInAt: Date } = { lastSignInAt: new Date() };
      if (name && name !== user.name) data.name = name;
      if (id.roleManaged && id.role && id.role !== user.role) data.role = id.role;
      if (subject && !user.oidcSubject) data.oidcSubject = subject;
      user = await tx.user.update({ where: { id: user.id }, data });
    }
    const role: Role = isRole(user.role) ? user.role : "viewer";
    const session = await tx.session.create({
      data: { userId: user.id, ip: meta.ip?.slice(0, 100) ?? null, userAgent: meta.userAgent?.slice(0, 500) ?? null },
      select: { id: true },
    });
    const actor: Principal = { type: "session", id: user.id, name: email, scopes: [], instanceIds: null, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null };
    await writeAudit(tx, actor, {
      action: "user.signin", targetType: "user", targetId: user.id,
      before: before && (before.role !== user.role || before.name !== user.name) ? { role: before.role, name: before.name } : undefined,
      after: { provider: id.method, subject: subject ?? email, created, role, name: user.name },
    });
    const changed = !!before && (before.role !== user.role || before.name !== user.name);
    return { ok: true as const, user: { id: user.id, email: user.email, name: user.name, role }, sessionId: session.id, created, changed };
  });
  if (!out.ok) {
    log.warn("sign-in refused", { method: id.method, reason: out.reason });
    return out;
  }
  if (out.changed) {
    emitChange({ kind: "user", id: out.user.id });
    await flushChangeBus();
  }
  return { ok: true, user: out.user, sessionId: out.sessionId, created: out.created };
}
