// Password sign-in against the User table.
import "server-only";
import { prisma } from "../db";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "../auth/password";
import { isRole, type Role } from "../auth/rules/scopes";

/** `twoFactorEnabled`: the sign-in still needs a second factor (twofactor/check-second-factor.ts). */
export type SignedInUser = { id: string; email: string; name: string | null; role: Role; twoFactorEnabled: boolean };

/** How many dashboard users exist (first start creates an admin when 0). */
export async function countUsers(): Promise<number> {
  return prisma.user.count();
}

/**
 * Checks email + password; null when they don't match an enabled user with a usable password
 * (an account waiting for its setup link has none). Compares against a dummy hash when the user
 * is unknown, so timing does not tell. Records `lastSignInAt` (also when a second factor is
 * still to come).
 */
export async function authenticate(emailRaw: string, password: string): Promise<SignedInUser | null> {
  const email = emailRaw.trim().toLowerCase();
  const user = await prisma.user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash || DUMMY_PASSWORD_HASH);
  if (!user || !user.passwordHash || !ok || user.disabled || !isRole(user.role)) return null;
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role, twoFactorEnabled: user.twoFactorEnabled };
}
