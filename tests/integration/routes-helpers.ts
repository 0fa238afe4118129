// Shared fixtures for the route integration tests: a fresh instance with chats, persons, agents.
import { expect } from "vitest";
import { prisma } from "@/lib/db";
import { systemPrincipal } from "@/lib/auth/principal";
import { createInstance } from "@/lib/catalog/instances";
import { createAgent } from "@/lib/catalog/agents";
import { createChat } from "@/lib/catalog/chats";
import { AppError } from "@/lib/errors";

export const admin = systemPrincipal("test");
export const uniq = () => Math.random().toString(36).slice(2, 8);

export async function expectCode(p: Promise<unknown>, code: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

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
