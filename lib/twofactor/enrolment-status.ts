// Where the signed-in user stands with two-factor sign-in: for the account page, and for the
// dashboard layout, which sends a user whom OMNI_REQUIRE_2FA covers to enrol before anything else.
import "server-only";
import { prisma } from "../db";
import type { Principal } from "../auth/principal";
import { isRole } from "../auth/rules/scopes";
import { signInMethods } from "../sso/config";
import { twoFactorRequired, type TwoFactorPolicy } from "../sso/rules/sign-in-methods";
import { recoveryCodesLeft } from "./check-second-factor";

export type TwoFactorStatus = {
  /** false for SSO and proxy accounts: their provider handles it */
  applies: boolean;
  enabled: boolean;
  /** OMNI_REQUIRE_2FA covers this user's role */
  required: boolean;
  recoveryCodesLeft: number;
  policy: TwoFactorPolicy;
};

/** The caller's status; null for an API key or a vanished user. */
export async function twoFactorStatus(p: Principal): Promise<TwoFactorStatus | null> {
  if (p.type !== "session") return null;
  const u = await prisma.user.findUnique({ where: { id: p.id }, select: { authMethod: true, twoFactorEnabled: true, role: true } });
  if (!u) return null;
  const policy = signInMethods().twoFactor;
  const applies = u.authMethod === "password";
  return {
    applies,
    enabled: u.twoFactorEnabled,
    required: applies && isRole(u.role) && twoFactorRequired(policy, u.role),
    recoveryCodesLeft: u.twoFactorEnabled ? await recoveryCodesLeft(p.id) : 0,
    policy,
  };
}

/** True when this session's user must enrol before using the dashboard (costs nothing while the policy is optional). */
export async function twoFactorEnrolmentDue(userId: string, role: string): Promise<boolean> {
  const policy = signInMethods().twoFactor;
  if (!isRole(role) || !twoFactorRequired(policy, role)) return false;
  const u = await prisma.user.findUnique({ where: { id: userId }, select: { authMethod: true, twoFactorEnabled: true } });
  return !!u && u.authMethod === "password" && !u.twoFactorEnabled;
}
