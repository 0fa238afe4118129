// Read keys: the list (filtered by computed status) and one key.
import "server-only";
import { prisma } from "../db";
import { requireScope, type Principal } from "../auth/principal";
import type { KeyListQuery } from "./schemas";
import { keysetArgs, keysetPage, newestFirst } from "../db/keyset";

const ORDER = newestFirst("keys");
import type { Prisma } from "../generated/prisma/client";
import type { KeyStatus } from "./rules/key-status";
import { findManagedKey, keyView, managedKeysWhere } from "./key-records";

/** Prisma filter for a computed status at `now` (see rules/key-status.ts). */
export function statusWhere(status: KeyStatus | undefined, now = new Date()): Prisma.ApiKeyWhereInput {
  const notExpired: Prisma.ApiKeyWhereInput = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const revoked: Prisma.ApiKeyWhereInput = { status: "revoked", OR: [{ revokedAt: null }, { revokedAt: { lte: now } }] };
  switch (status) {
    case undefined:
      return {};
    case "revoked":
      return revoked;
    case "expired":
      return { NOT: revoked, expiresAt: { lte: now } };
    case "active":
      return { NOT: revoked, AND: [notExpired] };
  }
}

/** A page of keys, newest first (`keys:read`; keyset cursor, 400 for a bad one); an instance-restricted caller's own kind only. */
export async function listApiKeys(p: Principal, q: KeyListQuery) {
  requireScope(p, "keys:read");
  const where: Prisma.ApiKeyWhereInput = { AND: [statusWhere(q.status), await managedKeysWhere(p)] };
  const rows = await prisma.apiKey.findMany(keysetArgs(ORDER, q, where));
  const page = keysetPage(ORDER, rows, q.limit);
  return { items: page.items.map(keyView), nextCursor: page.nextCursor };
}

/** One key (`keys:read`); 404 when unknown or beyond an instance-restricted caller. */
export async function getApiKey(p: Principal, id: string) {
  requireScope(p, "keys:read");
  return keyView(await findManagedKey(p, id));
}
