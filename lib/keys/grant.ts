// What a caller may hand on when it issues or changes a key: never more than it has itself.
import "server-only";
import { prisma } from "../db";
import { forbidden, validationError } from "../errors";
import { coversScopes } from "../auth/rules/scopes";
import type { Principal } from "../auth/principal";
import type { ApiKey } from "../generated/prisma/client";

/**
 * A caller may only hand on what it has: scopes covered by its own, and instances inside its own
 * restriction (a restricted caller cannot issue an unrestricted key). Unknown instances are a
 * 400 `VALIDATION_ERROR` on `instanceIds`; anything beyond the caller's rights a 403.
 */
export async function checkGrant(p: Principal, input: { scopes?: string[]; instanceIds?: string[] | null }) {
  if (input.scopes && !coversScopes(p.scopes, input.scopes)) {
    const missing = input.scopes.filter((s) => !coversScopes(p.scopes, [s]));
    throw forbidden(`A key cannot grant scopes its creator does not have: ${missing.join(", ")}.`, {
      requestedScopes: input.scopes,
      missingScopes: missing,
    });
  }
  if (input.instanceIds !== undefined && p.instanceIds !== null) {
    const ids = input.instanceIds ?? [];
    if (ids.length === 0 || ids.some((id) => !p.instanceIds!.includes(id))) {
      throw forbidden("A key cannot reach instances its creator cannot.");
    }
  }
  if (input.instanceIds && input.instanceIds.length) {
    const unique = [...new Set(input.instanceIds)];
    const found = await prisma.instance.findMany({ where: { id: { in: unique } }, select: { id: true } });
    if (found.length !== unique.length) {
      const known = new Set(found.map((f) => f.id));
      throw validationError("Unknown instance.", {
        instanceIds: [`No such instance: ${unique.filter((id) => !known.has(id)).join(", ")}.`],
      });
    }
  }
}

/**
 * Changing or re-issuing a key is handing out its rights again: the caller must hold every scope
 * the key has and reach every instance it reaches (403 otherwise). Revoking and deleting only
 * take rights away.
 */
export function requireCovers(p: Principal, k: Pick<ApiKey, "scopes" | "instanceIds">) {
  const scopes = k.scopes as string[];
  const instances = (k.instanceIds as string[] | null) ?? null;
  const instancesOk = p.instanceIds === null || (instances !== null && instances.every((i) => p.instanceIds!.includes(i)));
  if (!coversScopes(p.scopes, scopes) || !instancesOk) {
    throw forbidden("This key has rights beyond yours: only a caller holding all of them can change or roll it.");
  }
}

/** 400 `VALIDATION_ERROR` on `field` unless the ISO date-time is in the future (or absent). */
export function assertFuture(expiresAt: string | null | undefined, field = "expiresAt") {
  if (expiresAt && new Date(expiresAt) <= new Date()) {
    throw validationError("Expiry must be in the future.", { [field]: ["Must be in the future."] });
  }
}

/** [] and null both mean "every instance" (null); otherwise the ids without repeats. */
export const normalizeInstances = (ids: string[] | null | undefined) => (ids && ids.length ? [...new Set(ids)] : null);
