// The audit event for an account that too many failed sign-ins locked: `user.lockout`, actor
// system, target the user. Nothing of the attempted password is recorded.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { prisma } from "../db";
import { systemPrincipal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";

export type LockoutInput = {
  /** trimmed, lower-case */
  email: string;
  /** how long the account is locked, whole seconds */
  lockedSeconds: number;
  /** failed attempts on the account within the throttling window */
  failures: number;
  /** the client address of the attempt that locked it */
  ip: string | null;
  userAgent?: string | null;
};

/**
 * Writes one `user.lockout` event when `email` belongs to a user (an unknown email is counted the
 * same way but has no one to audit: returns null). Returns the event id.
 */
export async function recordAccountLockout(input: LockoutInput): Promise<string | null> {
  const user = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true, email: true } });
  if (!user) return null;
  const actor = { ...systemPrincipal("sign-in throttling"), ip: input.ip, userAgent: input.userAgent ?? null };
  const lockedUntil = new Date(Date.now() + input.lockedSeconds * 1000).toISOString();
  const event = await auditedTransaction((tx) =>
    writeAudit(tx, actor, {
      action: "user.lockout",
      targetType: "user",
      targetId: user.id,
      reason: `${input.failures} failed sign-in attempts`,
      after: { email: user.email, lockedSeconds: input.lockedSeconds, lockedUntil, failures: input.failures },
    }),
  );
  return event.id;
}
