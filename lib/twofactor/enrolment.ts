// Turning on two-factor sign-in for one's own password account: a pending secret shown as a QR
// code, then confirmed with a code from the app, which turns it on and issues recovery codes.
import "server-only";
import QRCode from "qrcode";
import { prisma } from "../db";
import { conflict, forbidden, validationError } from "../errors";
import type { Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { lockUserWrites } from "../users/user-view";
import { emitChange } from "../events/changes";
import { newTotpSecret, totpUri, verifyTotp } from "./totp";
import { hashRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from "./rules/recovery-codes";

function requireSession(p: Principal): string {
  if (p.type !== "session") throw forbidden("Two-factor sign-in is for signed-in dashboard users; API keys have no account.", { requiredAuth: "session" });
  return p.id;
}

/**
 * Starts (or restarts) enrolment for the caller's own password account: stores a new pending
 * secret and returns `{ secret, otpauthUrl, qrDataUrl }` (a PNG data: URL rendered here, nothing
 * fetched). 409 when two-factor is already on or the account signs in by SSO or proxy.
 */
export async function beginTwoFactorEnrolment(p: Principal): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
  const id = requireSession(p);
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user) throw forbidden("This session has no user.");
  if (user.authMethod !== "password") throw conflict("Your identity provider handles your sign-in; two-factor codes are for password accounts.", { reason: "not-password-account" });
  if (user.twoFactorEnabled) throw conflict("Two-factor sign-in is already on. Ask an admin to reset it to enrol a new device.", { reason: "already-enrolled" });
  const secret = newTotpSecret();
  await prisma.user.update({ where: { id }, data: { totpSecret: secret } });
  const otpauthUrl = totpUri(secret, user.email);
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 208, errorCorrectionLevel: "M" });
  return { secret, otpauthUrl, qrDataUrl };
}

/**
 * Confirms enrolment with a current 6-digit `code` for the pending secret: turns two-factor on
 * and returns `{ recoveryCodes }` (10 codes, shown this once; stored as hashes, each usable once).
 * 400 `details.fields.code` for a wrong code; 409 when nothing is pending or it is already on.
 * Audited as `user.twofactor` `{ twoFactorEnabled: true }`.
 */
export async function confirmTwoFactorEnrolment(p: Principal, code: string): Promise<{ recoveryCodes: string[] }> {
  const id = requireSession(p);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await prisma.$transaction(async (tx) => {
    await lockUserWrites(tx);
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw forbidden("This session has no user.");
    if (user.twoFactorEnabled) throw conflict("Two-factor sign-in is already on.", { reason: "already-enrolled" });
    if (!user.totpSecret) throw conflict("Start enrolment first: no code is pending.", { reason: "not-started" });
    const step = await verifyTotp(user.totpSecret, code);
    if (step === null) throw validationError("That code is not right. Enter the 6-digit code your app shows now.", { code: ["That code is not right."] });
    await tx.user.update({ where: { id }, data: { twoFactorEnabled: true, totpLastStep: step } });
    await tx.recoveryCode.deleteMany({ where: { userId: id } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId: id, codeHash: hashRecoveryCode(c) })) });
    await writeAudit(tx, p, { action: "user.twofactor", targetType: "user", targetId: id, before: { twoFactorEnabled: false }, after: { twoFactorEnabled: true } });
  });
  emitChange({ kind: "user", id });
  return { recoveryCodes: codes };
}
