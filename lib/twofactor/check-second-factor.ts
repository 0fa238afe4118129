// The second step of a password sign-in: a TOTP code (each accepted once) or a recovery code
// (each usable once), checked atomically so two racing requests cannot both use one.
import "server-only";
import { prisma } from "../db";
import { verifyTotp } from "./totp";
import { hashRecoveryCode, isRecoveryCodeShape, isTotpShape } from "./rules/recovery-codes";

/**
 * True when `code` is a current TOTP code for the user (not already used) or one of their unused
 * recovery codes, which is then spent. False otherwise, and for a user without two-factor on.
 */
export async function checkSecondFactor(userId: string, code: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { twoFactorEnabled: true, totpSecret: true, totpLastStep: true } });
  if (!user?.twoFactorEnabled || !user.totpSecret) return false;
  if (isTotpShape(code)) {
    const step = await verifyTotp(user.totpSecret, code, user.totpLastStep);
    if (step === null) return false;
    // only if no other request accepted this or a later step meanwhile
    const r = await prisma.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return r.count === 1;
  }
  if (!isRecoveryCodeShape(code)) return false;
  const r = await prisma.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: new Date() } });
  return r.count === 1;
}

/** How many unused recovery codes the user has left. */
export async function recoveryCodesLeft(userId: string): Promise<number> {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}
