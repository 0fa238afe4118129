// Shared fixtures for the route integration tests: a fresh instance with chats, persons, agents.
import { prisma } from "@/lib/db";
import { createInstance } from "@/lib/catalog/instances";
import { createAgent } from "@/lib/catalog/agents";
import { createChat } from "@/lib/catalog/chats";

export { admin, expectCode, uniq } from "../support/expect-code";
import { admin, uniq } from "../support/expect-code";

export async function world() {
  const [a1, a2, a3] = await Promise.all([
    createAgent(admin, { name: `Sales ${uniq()}`, provider: "anthropic", model: "claude", description: null }),
    createAgent(admin, { name: `Support ${uniq()}`, provider: "openai", model: null, description: null }),
    createAgent(admin, { name: `Default ${uniq()}`, provider: "anthropic", model: null, description: null }),
  ]);
  const inst = await createInstance(admin, { name: `wa-${uniq()}`, channel: "whatsapp", defaultAgentId: null });
  const other = await createInstance(admin, { name: `tg-${uniq()}`, channel: "telegram", defaultAgentId: null });
  const chat = await createChat(admin, { instanceId: inst.id, externalId: `c-${uniq()}`, title: "Ops room", type: "group" });
  const chat2 = await createChat(admin, { instanceId: inst.id, externalId: `c-${uniq()}`, title: "Billing", type: "group" });
  const otherChat = await createChat(admin, { instanceId: other.id, externalId: `c-${uniq()}`, title: "Elsewhere", type: "dm" });
  const person = await prisma.person.create({ data: { displayName: `Ada ${uniq()}`, primaryPhone: `+4930${Math.floor(Math.random() * 1e7)}` } });
  const person2 = await prisma.person.create({ data: { displayName: `Bob ${uniq()}` } });
  return { a1, a2, a3, inst, other, chat, chat2, otherChat, person, person2 };
}
