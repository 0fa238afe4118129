// What a route names must exist: its instance, chat (on that instance), person and agent.
import "server-only";
import { prisma } from "../db";
import { personNotFound } from "../persons/merged-away";
import { notFound, validationError } from "../errors";

export type RouteTarget = {
  instanceId: string; scope: "chat" | "user"; chatId: string | null; personId: string | null; agentId: string;
};

/** The things a route names must exist, and its chat must be on its instance. */
export async function checkReferences(t: RouteTarget, changed: Partial<Record<keyof RouteTarget, boolean>> = { instanceId: true, chatId: true, personId: true, agentId: true }) {
  const [instance, chat, person, agent] = await Promise.all([
    changed.instanceId ? prisma.instance.findUnique({ where: { id: t.instanceId }, select: { id: true } }) : true,
    (changed.chatId || changed.instanceId) && t.chatId
      ? prisma.chat.findUnique({ where: { id: t.chatId }, select: { id: true, instanceId: true } })
      : null,
    changed.personId && t.personId ? prisma.person.findUnique({ where: { id: t.personId }, select: { id: true } }) : true,
    changed.agentId ? prisma.agent.findUnique({ where: { id: t.agentId }, select: { id: true } }) : true,
  ]);
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

