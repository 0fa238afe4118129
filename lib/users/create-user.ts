// Adding a dashboard user, with a password or with a setup link for them to choose one.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { conflict } from "../errors";
import type { Principal } from "../auth/principal";
import { writeAudit } from "../audit/write-audit";
import type { UserCreate } from "./schemas";
import { newPasswordHash, requireRoleGrant, requireUserWriter, userAuditView, userView } from "./user-view";
import { unblockSignIn } from "../sso/sign-in-block";
import { newSetupToken, publicBaseUrl, setupUrlFor } from "./password-reset";

/**
 * users:write; the caller's scopes must cover the role's (403). Email is unique (409). With
 * `password` (policy: 400 `details.fields.password`) the user can sign in at once; without, the
 * result adds `setupUrl` and `setupExpiresAt` (shown once, 24 h). Audited as `user.create`.
 */
export async function createUser(p: Principal, input: UserCreate, opts: { origin?: string | null } = {}) {
  requireUserWriter(p);
  requireRoleGrant(p, input.role);
  const email = input.email.trim().toLowerCase();
  const name = input.name?.trim() || null;
  const passwordHash = input.password ? await newPasswordHash(input.password, { email, name }) : "";
  const token = input.password ? null : newSetupToken();
  const user = await auditedTransaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw conflict(`A user with email ${email} already exists.`, { email });
    }
    await unblockSignIn(tx, email); // an admin adding this email again lifts a deletion's block
    const u = await tx.user.create({
      data: {
        email, name, role: input.role, passwordHash,
        mustChangePassword: !input.password,
        setupTokenHash: token?.hash ?? null,
        setupTokenExpiresAt: token?.expiresAt ?? null,
      },
    });
    await writeAudit(tx, p, { action: "user.create", targetType: "user", targetId: u.id, after: { ...userAuditView(u), setupLink: !!token } });
    return u;
  });
  const view = userView(user, 0);
  if (!token) return view;
  return { ...view, setupUrl: setupUrlFor(token.raw, publicBaseUrl(opts.origin)), setupExpiresAt: token.expiresAt };
}
