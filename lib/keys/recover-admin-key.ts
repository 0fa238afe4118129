// `omni auth recover`: an admin key issued straight from the database on the server host, for
// when no working admin key or account is left. Raw keys are never stored, so an existing
// recovery key cannot be shown again: `rotate` revokes it and issues a new one.
import "server-only";
import { prisma } from "../db";
import { conflict } from "../errors";
import { systemPrincipal } from "../auth/principal";
import { createApiKey } from "./create-key";
import { revokeApiKey } from "./revoke-key";

export const RECOVERY_KEY_NAME = "Recovery admin key";
export const RECOVERY_ACTOR = "omni auth recover";

export async function recoverAdminKey(opts: { rotate: boolean }) {
  const system = systemPrincipal(RECOVERY_ACTOR);
  const now = new Date();
  const previous = (
    await prisma.apiKey.findMany({ where: { name: RECOVERY_KEY_NAME, createdByLabel: RECOVERY_ACTOR, status: "active" } })
  ).filter((k) => !k.expiresAt || k.expiresAt > now);
  if (previous.length && !opts.rotate) {
    throw conflict(
      `A recovery key already exists (${previous.map((k) => `${k.prefix}…`).join(", ")}). It was shown once and is not stored: ` +
        "run `omni auth recover --rotate` to revoke it and issue a new one.",
      { existingKeyIds: previous.map((k) => k.id) },
    );
  }
  const created = await createApiKey(system, {
    name: RECOVERY_KEY_NAME,
    description: "Issued on the server host by `omni auth recover`.",
    scopes: ["*"],
  });
  for (const k of previous) await revokeApiKey(system, k.id, { reason: "Rotated by omni auth recover --rotate" });
  return { ...created, revokedKeyIds: previous.map((k) => k.id) };
}
