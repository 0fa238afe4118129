// An admin turning off a user's second factor (lost phone): they sign in with their password
// alone again, and enrol anew (at once, when OMNI_REQUIRE_2FA covers them).
import "server-only";
import { prisma } from "../db";
import type { Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import { emitChange } from "../events/changes";
import { lockAndFindUser, requireRoleGrant, requireUserWriter, userViews, type UserView } from "../users/user-view";

/**
 * users:write, covering the user's role (403); 404 for an unknown user. Clears the secret and
 * the recovery codes. Audited as `user.twofactor` `{ reset: true }` when two-factor was on or
 * pending; a user without it is returned unchanged and nothing is written.
 */
export async function resetTwoFactor(p: Principal, id: string): Promise<UserView> {
  requireUserWriter(p);
  const { row, changed } = await prisma.$transaction(async (tx) => {
    const before = await lockAndFindUser(tx, id);
    requireRoleGrant(p, before.role, "manage");
    if (!before.twoFactorEnabled && !before.totpSecret) return { row: before, changed: false };
    const after = await tx.user.update({ where: { id }, data: { twoFactorEnabled: false, totpSecret: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: id } });
    await writeAudit(tx, p, {
      action: "user.twofactor", targetType: "user", targetId: id,
      before: { twoFactorEnabled: before.twoFactorEnabled }, after: { twoFactorEnabled: false, reset: true },
    });
    return { row: after, changed: true };
  });
  if (changed) emitChange({ kind: "user", id });
  const [view] = await userViews([row]);
  return view;
}
