// Which cached parts of a resolution a change can make stale: the one rule by which the route
// cache drops parts and marks the reads in flight (lib/routes/resolver.ts). Pure.
import type { ChangeEvent } from "../events/change-event";

/**
 * A part of a resolution (resolution-parts.ts), as far as changes go: the (instance, chat) part —
 * `chatId` null for a resolution without a chat — or the (instance, person) part. `agentIds` are
 * the agents it names (for a chat part, its instance's default agent too); undefined while the
 * part is being read, when they are not known yet.
 */
export type PartRef =
  | { kind: "chat"; instanceId: string; chatId: string | null; agentIds?: readonly string[] }
  | { kind: "person"; instanceId: string; personId: string; agentIds?: readonly string[] };

/**
 * Whether change `e` can make `part` stale: every change of its instance (its default agent,
 * name, …); a route change on its instance that names its chat or person among the targets it
 * touched, or names none (then any); a change of its chat or of its person; a change of an agent
 * it names (of any agent, when they are not known yet); `all`. API keys, users and sessions never
 * affect a resolution.
 */
export function changeAffectsPart(e: ChangeEvent, part: PartRef): boolean {
  switch (e.kind) {
    case "all":
      return true;
    case "instance":
      return e.id === part.instanceId;
    case "route":
      if (e.instanceId !== part.instanceId) return false;
      if (!e.chatIds && !e.personIds) return true;
      return part.kind === "chat"
        ? part.chatId !== null && (e.chatIds ?? []).includes(part.chatId)
        : (e.personIds ?? []).includes(part.personId);
    case "chat":
      return part.kind === "chat" && part.chatId === e.id;
    case "person":
      return part.kind === "person" && part.personId === e.id;
    case "agent":
      return part.agentIds === undefined || part.agentIds.includes(e.id);
    case "apiKey":
    case "user":
    case "session":
      return false;
  }
}
