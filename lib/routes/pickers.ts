// Small searches behind the route form's and the tester's chat / person pickers.
import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { canSeeInstance, requireScope, type Principal } from "../auth/principal";
import { literalText } from "../db/literal-text";

export type PersonOption = { id: string; displayName: string | null; primaryPhone: string | null; primaryEmail: string | null };
export type ChatOption = { id: string; instanceId: string; title: string | null; externalId: string; type: string };

const personSelect = { id: true, displayName: true, primaryPhone: true, primaryEmail: true } as const;
const chatSelect = { id: true, instanceId: true, title: true, externalId: true, type: true } as const;

/**
 * Persons whose display name starts with `q` (literally, ignoring case), or whose phone is exactly
 * `q` (E.164); a blank `q`: the first by name. At most `limit` (1–50), by display name then id.
 */
export async function searchPersonsForPicker(p: Principal, q: string, limit = 20): Promise<PersonOption[]> {
  requireScope(p, "persons:read");
  const text = q.trim();
  const restrict: Prisma.PersonWhereInput =
    p.instanceIds === null ? {} : { identities: { some: { instanceId: { in: p.instanceIds } } } };
  const phone = text.replace(/[\s()-]/g, "");
  const match: Prisma.PersonWhereInput = !text
    ? {}
    : {
        OR: [
          { displayName: literalText("startsWith", text) },
          ...(/^\+?\d{4,}$/.test(phone) ? [{ primaryPhone: phone.startsWith("+") ? phone : `+${phone}` }] : []),
        ],
      };
  return prisma.person.findMany({
    where: { AND: [restrict, match] },
    select: personSelect,
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
    take: Math.min(Math.max(limit, 1), 50),
  });
}

/**
 * Chats of an instance whose title contains `q` or whose external id starts with it (literally,
 * ignoring case); a blank `q`: the first by title. At most `limit` (1–50), by title then id; none
 * for an instance the principal cannot see.
 */
export async function searchChatsForPicker(p: Principal, instanceId: string, q: string, limit = 20): Promise<ChatOption[]> {
  requireScope(p, "chats:read");
  if (!canSeeInstance(p, instanceId)) return [];
  const text = q.trim();
  return prisma.chat.findMany({
    where: {
      instanceId,
      ...(text ? { OR: [{ title: literalText("contains", text) }, { externalId: literalText("startsWith", text) }] } : {}),
    },
    select: chatSelect,
    orderBy: [{ title: "asc" }, { id: "asc" }],
    take: Math.min(Math.max(limit, 1), 50),
  });
}

export async function personOption(p: Principal, id: string): Promise<PersonOption | null> {
  requireScope(p, "persons:read");
  return prisma.person.findUnique({ where: { id }, select: personSelect });
}

export async function chatOption(p: Principal, id: string): Promise<ChatOption | null> {
  requireScope(p, "chats:read");
  const c = await prisma.chat.findUnique({ where: { id }, select: chatSelect });
  return c && canSeeInstance(p, c.instanceId) ? c : null;
}
