// Deleted SSO / proxy identities (table SignInBlock): the identity provider or proxy would keep
// vouching for them, so deletion on the Users page leaves a block that sign-in checks.
import "server-only";
import type { Tx } from "../audit/write-audit";

/** Block keys for an identity: its OIDC subject ("oidc|<issuer>|<sub>", when known) and its email. */
export function blockKeys(u: { email: string; oidcSubject?: string | null }): string[] {
  return [`email|${u.email.toLowerCase()}`, ...(u.oidcSubject ? [`oidc|${u.oidcSubject}`] : [])];
}

/** Records, inside the deletion's transaction, that this user's SSO identity may not sign in again. */
export async function blockSignIn(tx: Tx, u: { email: string; oidcSubject: string | null }): Promise<void> {
  for (const key of blockKeys(u)) {
    await tx.signInBlock.upsert({ where: { key }, create: { key, email: u.email.toLowerCase() }, update: {} });
  }
}

/** Lifts every block on `email` (an admin created a user with it). */
export async function unblockSignIn(tx: Tx, email: string): Promise<void> {
  await tx.signInBlock.deleteMany({ where: { email: email.toLowerCase() } });
}

/** True when any of the identity's keys is blocked. */
export async function isSignInBlocked(tx: Tx, u: { email: string; oidcSubject?: string | null }): Promise<boolean> {
  return (await tx.signInBlock.count({ where: { key: { in: blockKeys(u) } } })) > 0;
}
