// Setup links: how a user gets a password without anyone else knowing it. An admin's password
// reset (or a user created without a password) issues a one-time link valid for 24 hours; only
// the SHA-256 of its token is stored. Opening the link and choosing a password completes it.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "../db";
import { validationError } from "../errors";
import type { Principal } from "../auth/principal";
import { writeAudit, type Tx } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { revokeUserSessions } from "../sessions/session-store";
import { lockAndFindUser, newPasswordHash, requireRoleGrant, requireUserWriter } from "./user-view";

/** How long a setup link works (ms): 24 hours. */
export const SETUP_LINK_TTL_MS = 24 * 3600 * 1000;

const hashToken = (raw: string) => createHash("sha256").update(raw).digest("hex");

/** The server's public address for links: NEXTAUTH_URL, else the request's origin, else localhost:PORT. */
export function publicBaseUrl(requestOrigin?: string | null): string {
  const base = process.env.NEXTAUTH_URL?.trim() || requestOrigin || `http://localhost:${process.env.PORT || 3000}`;
  return base.replace(/\/+$/, "");
}

/** A fresh link token: what goes in the URL (`raw`), what is stored (`hash`), and its expiry. */
export function newSetupToken(now = new Date()) {
  const raw = randomBytes(32).toString("base64url");
  return { raw, hash: hashToken(raw), expiresAt: new Date(now.getTime() + SETUP_LINK_TTL_MS) };
}

export const setupUrlFor = (raw: string, baseUrl: string) => `${baseUrl}/setup-password?token=${encodeURIComponent(raw)}`;

/**
 * users:write. Ends the user's password and every session they have, and returns a link where
 * they choose a new one: `{ setupUrl, expiresAt }` (shown once). Audited as `user.password`.
 */
export async function resetUserPassword(p: Principal, id: string, opts: { origin?: string | null } = {}) {
  requireUserWriter(p);
  const token = newSetupToken();
  const revoked = await auditedTransaction(async (tx) => {
    const before = await lockAndFindUser(tx, id);
    requireRoleGrant(p, before.role, "manage");
    await tx.user.update({
      where: { id },
      data: { passwordHash: "", mustChangePassword: true, setupTokenHash: token.hash, setupTokenExpiresAt: token.expiresAt },
    });
    const revokedSessions = await revokeUserSessions(tx, id);
    await writeAudit(tx, p, {
      action: "user.password", targetType: "user", targetId: id, reason: "Password reset: setup link issued",
      after: { passwordReset: true, setupExpiresAt: token.expiresAt, revokedSessions },
    });
    return revokedSessions;
  });
  emitChange({ kind: "user", id });
  return { setupUrl: setupUrlFor(token.raw, publicBaseUrl(opts.origin)), expiresAt: token.expiresAt, revokedSessions: revoked };
}

async function userForToken(db: Tx | typeof prisma, raw: string) {
  const u = await db.user.findUnique({ where: { setupTokenHash: hashToken(raw) } });
  return u && u.setupTokenExpiresAt && u.setupTokenExpiresAt > new Date() ? u : null;
}

/** For the setup page: whose link this is, or null when it is unknown, used or expired. */
export async function setupLinkStatus(raw: string): Promise<{ email: string; expiresAt: Date } | null> {
  if (!raw || raw.length > 200) return null;
  const u = await userForToken(prisma, raw);
  return u ? { email: u.email, expiresAt: u.setupTokenExpiresAt! } : null;
}

const invalidLink = () => validationError("This link is invalid, already used or expired. Ask an admin for a new one.", {
  token: ["Invalid, used or expired link."],
});

/**
 * Sets the password of the link's user (policy enforced: 400 with `details.fields.password`) and
 * uses the link up. No session needed: the link is the proof. Audited as `user.password` by the user.
 */
export async function completePasswordSetup(raw: string, password: string): Promise<{ email: string }> {
  const found = await userForToken(prisma, raw);
  if (!found) throw invalidLink();
  const passwordHash = await newPasswordHash(password, found);
  const self: Principal = { type: "session", id: found.id, name: found.email, scopes: [], instanceIds: null };
  await auditedTransaction(async (tx) => {
    await lockAndFindUser(tx, found.id);
    const u = await userForToken(tx, raw); // still the same, unused link?
    if (!u || u.id !== found.id) throw invalidLink();
    await tx.user.update({
      where: { id: u.id },
      data: { passwordHash, mustChangePassword: false, setupTokenHash: null, setupTokenExpiresAt: null },
    });
    await revokeUserSessions(tx, u.id);
    await writeAudit(tx, self, { action: "user.password", targetType: "user", targetId: u.id, reason: "Password set from a setup link", after: { passwordSet: true } });
  });
  emitChange({ kind: "user", id: found.id });
  return { email: found.email };
}
