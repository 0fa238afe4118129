// What a route names must exist: its instance, chat (on that instance), person and agent.
import "server-only";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { personNotFound } from "../persons/merged-away";
import { notFound, validationError } from "../errors";
import type { Tx } from "../audit/write-audit";

export type RouteTarget = {
  instanceId: string; scope: "chat" | "user"; chatId: string | null; personId: string | null; agentId: string;
};

/**
 * The things a route names must exist, and its chat must be on its instance: what `changed` names
 * is read in one statement (readReferences, through `db`: a transaction passes its own) and
 * checked by checkFoundReferences.
 */
export async function checkReferences(
  t: RouteTarget,
  changed: Partial<Record<keyof RouteTarget, boolean>> = { instanceId: true, chatId: true, personId: true, agentId: true },
  db: Tx | typeof prisma = prisma,
) {
  const only = (on: boolean | undefined, id: string | null) => (on && id ? [id] : []);
  const found = await readReferences(db, {
    instance: only(changed.instanceId, t.instanceId),
    chat: only(changed.chatId || changed.instanceId, t.chatId),
    person: only(changed.personId, t.personId),
    agent: only(changed.agentId, t.agentId),
  });
  await checkFoundReferences(t, changed, found);
}


/** What readReferences found: the rows a route view names, and each person's identity instances. */
export type References = {
  instance: Map<string, { id: string; name: string; channel: string }>;
  chat: Map<string, { id: string; title: string | null; externalId: string; type: string; instanceId: string }>;
  person: Map<string, { id: string; displayName: string | null; primaryPhone: string | null; primaryEmail: string | null }>;
  agent: Map<string, { id: string; name: string; provider: string; model: string | null }>;
  personInstances: Map<string, string[]>;
};

/**
 * In one statement (UNION ALL), the instances, chats, persons and agents with these ids — the
 * names a route view shows and the existence checks of checkFoundReferences — and the instances
 * of the persons' identities (an audit event's subjects). Ids that do not exist are absent.
 */
export async function readReferences(db: Tx | typeof prisma, ids: { instance: string[]; chat: string[]; person: string[]; agent: string[] }): Promise<References> {
  const inList = (xs: string[]) => Prisma.join([...new Set(xs)]);
  const parts: Prisma.Sql[] = [];
  const text = (c: string) => Prisma.raw(`CAST(${c} AS TEXT)`);
  const none = Prisma.raw("CAST(NULL AS TEXT)");
  if (ids.instance.length) parts.push(Prisma.sql`SELECT 'instance' AS "k", "id", "name" AS "a", ${text(`"channel"`)} AS "b", ${none} AS "c", ${none} AS "d" FROM "Instance" WHERE "id" IN (${inList(ids.instance)})`);
  if (ids.chat.length) parts.push(Prisma.sql`SELECT 'chat', "id", "title", "externalId", ${text(`"type"`)}, "instanceId" FROM "Chat" WHERE "id" IN (${inList(ids.chat)})`);
  if (ids.person.length) {
    parts.push(Prisma.sql`SELECT 'person', "id", "displayName", "primaryPhone", "primaryEmail", ${none} FROM "Person" WHERE "id" IN (${inList(ids.person)})`);
    parts.push(Prisma.sql`SELECT 'personInstance', "personId", "instanceId", ${none}, ${none}, ${none} FROM "PlatformIdentity" WHERE "personId" IN (${inList(ids.person)})`);
  }
  if (ids.agent.length) parts.push(Prisma.sql`SELECT 'agent', "id", "name", ${text(`"provider"`)}, "model", ${none} FROM "Agent" WHERE "id" IN (${inList(ids.agent)})`);
  const out: References = { instance: new Map(), chat: new Map(), person: new Map(), agent: new Map(), personInstances: new Map() };
  if (!parts.length) return out;
  const rows = await db.$queryRaw<{ k: string; id: string; a: string | null; b: string | null; c: string | null; d: string | null }[]>(Prisma.join(parts, " UNION ALL "));
  for (const r of rows) {
    if (r.k === "instance") out.instance.set(r.id, { id: r.id, name: r.a!, channel: r.b! });
    else if (r.k === "chat") out.chat.set(r.id, { id: r.id, title: r.a, externalId: r.b!, type: r.c!, instanceId: r.d! });
    else if (r.k === "person") out.person.set(r.id, { id: r.id, displayName: r.a, primaryPhone: r.b, primaryEmail: r.c });
    else if (r.k === "agent") out.agent.set(r.id, { id: r.id, name: r.a!, provider: r.b!, model: r.c });
    else if (r.k === "personInstance") out.personInstances.set(r.id, [...new Set([...(out.personInstances.get(r.id) ?? []), r.a!])]);
  }
  return out;
}

/** checkReferences on rows already read (readReferences): the same errors, no statement of its own. */
export async function checkFoundReferences(t: RouteTarget, changed: Partial<Record<keyof RouteTarget, boolean>>, found: References) {
  if (changed.instanceId && !found.instance.has(t.instanceId)) throw notFound("Instance");
  if ((changed.chatId || changed.instanceId) && t.chatId) {
    const chat = found.chat.get(t.chatId);
    if (!chat) throw notFound("Chat");
    if (chat.instanceId !== t.instanceId) {
      throw validationError("The chat is not on the route's instance.", { chatId: ["This chat belongs to another instance."] });
    }
  }
  if (changed.personId && t.personId && !found.person.has(t.personId)) throw await personNotFound(null, t.personId);
  if (changed.agentId && !found.agent.has(t.agentId)) throw notFound("Agent");
}
