// Chats: a conversation on an instance (a DM, a group or a channel).
import "server-only";
import { prisma } from "../db";
import { conflict, notFound } from "../errors";
import { canSeeInstance, instanceFilter, requireInstance, requireScope, type Principal } from "../auth/principal";
import type { ChatCreate } from "./schemas";
import { keysetArgs, keysetPage, newestFirst } from "../db/keyset";
import { literalText } from "../db/literal-text";

const ORDER = newestFirst("chats");

const view = {
  id: true, instanceId: true, externalId: true, title: true, type: true, createdAt: true, updatedAt: true,
  instance: { select: { id: true, name: true, channel: true } },
} as const;

/**
 * A page of chats, newest first, on the principal's instances (`chats:read`); `q` keeps those whose
 * title or external id contains it (case-insensitive; `%` and `_` literal). 400 for a bad cursor;
 * 403 for an `instance` filter outside them.
 */
export async function listChats(p: Principal, q: { limit: number; cursor?: string; instance?: string; q?: string }) {
  requireScope(p, "chats:read");
  requireInstance(p, q.instance); // filtering on an instance outside the restriction: 403
  const text = q.q?.trim();
  const where = {
    ...instanceFilter(p),
    ...(q.instance ? { instanceId: q.instance } : {}),
    ...(text ? { OR: [{ title: literalText("contains", text) }, { externalId: literalText("contains", text) }] } : {}),
  };
  return keysetPage(ORDER, await prisma.chat.findMany({ select: view, ...keysetArgs(ORDER, q, where) }), q.limit);
}

export async function getChat(p: Principal, id: string) {
  requireScope(p, "chats:read");
  const row = await prisma.chat.findUnique({ where: { id }, select: view });
  if (!row || !canSeeInstance(p, row.instanceId)) throw notFound("Chat");
  return row;
}

export async function createChat(p: Principal, input: ChatCreate) {
  requireScope(p, "chats:write");
  requireInstance(p, input.instanceId);
  const instance = await prisma.instance.findUnique({ where: { id: input.instanceId }, select: { id: true } });
  if (!instance) throw notFound("Instance");
  const dup = await prisma.chat.findUnique({
    where: { instanceId_externalId: { instanceId: input.instanceId, externalId: input.externalId } },
    select: { id: true },
  });
  if (dup) throw conflict("A chat with this external id already exists on that instance.", { chatId: dup.id });
  return prisma.chat.create({
    data: { instanceId: input.instanceId, externalId: input.externalId, title: input.title ?? null, type: input.type },
    select: view,
  });
}
