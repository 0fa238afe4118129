// A key's status at a moment: the stored status and dates read as "active", "revoked" or "expired".
export type KeyStatus = "active" | "revoked" | "expired";

/**
 * The status of a key at `now`. Revoked once `revokedAt` has passed (a roll's grace period puts it
 * in the future, and the key keeps working until then); expired once `expiresAt` has passed.
 */
export function keyStatus(
  k: { status: string; expiresAt: Date | null; revokedAt: Date | null },
  now = new Date(),
): KeyStatus {
  if (k.status === "revoked" && (!k.revokedAt || k.revokedAt <= now)) return "revoked";
  if (k.expiresAt && k.expiresAt <= now) return "expired";
  return "active";
}
