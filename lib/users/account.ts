// The signed-in user's own account: profile (name), password and sessions. Sessions only: API
// keys have no account (403).
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { prisma } from "../db";
import { forbidden, validationError } from "../errors";
import type { Principal } from "../auth/principal";
import { verifyPassword } from "../auth/password";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { activeSince, revokeUserSessions } from "../sessions/session-store";
import type { AccountUpdate, PasswordChange } from "./schemas";
import { findUser, lockAndFindUser, newPasswordHash, userAuditView, userViews } from "./user-view";

function requireSession(p: Principal): string {
  if (p.type !== "session") throw forbidden("This endpoint is for signed-in dashboard users; API keys have no account.", { requiredAuth: "session" });
  return p.id;
}

async function accountView(id: string) {
  const u = await findUser(prisma, id);
  const [view] = await userViews([u]);
  return { ...view, mustChangePassword: u.mustChangePassword };
}

/** The caller's own user (the User shape plus `mustChangePassword`). */
export async function getAccount(p: Principal) {
  return accountView(requireSession(p));
}

/** Sets the caller's own display name (`null` or "" clears it); audited as `user.update` when it changes. */
export async function updateAccount(p: Principal, input: AccountUpdate) {
  const id = requireSession(p);
  const name = input.name?.trim() || null;
  const changed = await auditedTransaction(async (tx) => {
    const before = await lockAndFindUser(tx, id);
    if (before.name === name) return false;
    const after = await tx.user.update({ where: { id }, data: { name } });
    await writeAudit(tx, p, { action: "user.update", targetType: "user", targetId: id, before: userAuditView(before), after: userAuditView(after) });
    return true;
  });
  if (changed) emitChange({ kind: "user", id });
  return accountView(id);
}

/**
 * Changes the caller's own password: `currentPassword` must match (400 `details.fields.currentPassword`),
 * `newPassword` must meet the policy (400 `details.fields.newPassword`). Every OTHER session of the
 * user ends; this one stays. `{ revokedSessions }`; audited as `user.password`.
 */
export async function changeOwnPassword(p: Principal, input: PasswordChange): Promise<{ revokedSessions: number }> {
  const id = requireSession(p);
  const user = await findUser(prisma, id);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash || "-"))) {
    throw validationError("The current password is not right.", { currentPassword: ["Wrong password."] });
  }
  const passwordHash = await newPasswordHash(input.newPassword, user, "newPassword");
  const revokedSessions = await auditedTransaction(async (tx) => {
    await lockAndFindUser(tx, id);
    await tx.user.update({ where: { id }, data: { passwordHash, mustChangePassword: false, setupTokenHash: null, setupTokenExpiresAt: null } });
    const n = await revokeUserSessions(tx, id, p.sessionId);
    await writeAudit(tx, p, { action: "user.password", targetType: "user", targetId: id, reason: "Password changed by the user", after: { passwordChanged: true, revokedSessions: n } });
    return n;
  });
  emitChange({ kind: "user", id });
  return { revokedSessions };
}

/** One of the caller's own sign-in sessions; `current` marks the one making this request. */
export type OwnSession = { id: string; createdAt: Date; lastSeenAt: Date; userAgent: string | null; ip: string | null; current: boolean };

/**
 * The caller's own live sessions (not ended, not idle past the session lifetime, 12 h), most
 * recently seen first, at most 100. `lastSeenAt` is written at most once a minute per session.
 */
export async function listOwnSessions(p: Principal): Promise<OwnSession[]> {
  const id = requireSession(p);
  const rows = await prisma.session.findMany({
    where: { userId: id, revokedAt: null, lastSeenAt: { gt: activeSince() } },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: 100,
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true },
  });
  return rows.map((r) => ({ ...r, current: r.id === p.sessionId }));
}
