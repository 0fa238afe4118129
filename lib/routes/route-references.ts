// What a route names must exist: its instance, chat (on that instance), person and agent.
import "server-only";
import { prisma } from "../db";
import { personNotFound } from "../persons/merged-away";
import { notFound, validationError } from "../errors";
import type { Tx } from "../audit/write-audit";

export type RouteTarget = {
  instanceId: string; scope: "chat" | "user"; chatId: string | null; personId: string | null; agentId: string;
};

/** The things a route names must exist, and its chat must be on its instance (read through `db`: a transaction passes its own). */
export async function checkReferences(
  t: RouteTarget,
  changed: Partial<Record<keyof RouteTarget, boolean>> = { instanceId: true, chatId: true, personId: true, agentId: true },
  db: Tx | typeof prisma = prisma,
) {
  // One after another: a transaction's connection runs one statement at a time anyway.
  const instance = changed.instanceId ? await db.instance.findUnique({ where: { id: t.instanceId }, select: { id: true } }) : true;
  const chat = (changed.chatId || changed.instanceId) && t.chatId
    ? await db.chat.findUnique({ where: { id: t.chatId }, select: { id: true, instanceId: true } })
    : null;
  const person = changed.personId && t.personId ? await db.person.findUnique({ where: { id: t.personId }, select: { id: true } }) : true;
  const agent = changed.agentId ? await db.agent.findUnique({ where: { id: t.agentId }, select: { id: true } }) : true;
  if (!instance) throw notFound("Instance");
  if ((changed.chatId || changed.instanceId) && t.chatId) {
    if (!chat) throw notFound("Chat");
    if (chat.instanceId !== t.instanceId) {
      throw validationError("The chat is not on the route's instance.", { chatId: ["This chat belongs to another instance."] });
    }
  }
  if (!person) throw await personNotFound(null, t.personId ?? "");
  if (!agent) throw notFound("Agent");
}

