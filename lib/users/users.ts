// Dashboard users (admins, leads, viewers) and password sign-in.
import { prisma } from "../db";
import { conflict } from "../errors";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "../auth/password";
import type { Principal } from "../auth/principal";
import type { Role } from "../auth/rules/scopes";
import { writeAudit } from "../audit/write-audit";

export type SessionUser = { id: string; email: string; name: string | null; role: Role };

export async function countUsers() {
  return prisma.user.count();
}

export async function createUser(p: Principal, input: { email: string; password: string; role: Role; name?: string | null }) {
  const email = input.email.trim().toLowerCase();
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    throw conflict(`A user with email ${email} already exists.`);
  }
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email, name: input.name ?? null, passwordHash, role: input.role },
      select: { id: true, email: true, name: true, role: true, createdAt: true },
    });
    await writeAudit(tx, p, { action: "user.create", targetType: "user", targetId: user.id, after: user });
    return user;
  });
}

/** Checks email + password; null when they don't match an enabled user. Constant-ish time. */
export async function authenticate(emailRaw: string, password: string): Promise<SessionUser | null> {
  const email = emailRaw.trim().toLowerCase();
  const user = await prisma.user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok || user.disabled) return null;
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
}
