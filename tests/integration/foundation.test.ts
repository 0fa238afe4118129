import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { type Principal } from "@/lib/auth/principal";
import { createInstance, getInstance, listInstances, updateInstance } from "@/lib/catalog/instances";
import { createAgent } from "@/lib/catalog/agents";
import { createChat, listChats } from "@/lib/catalog/chats";
import { createApiKey } from "@/lib/keys/create-key";
import { verifyApiKey, clearKeyCache } from "@/lib/auth/key-verifier";
import { authenticate } from "@/lib/users/authenticate";
import { createUser } from "@/lib/users/create-user";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { sealAll } from "../support/seal-all";
import { AppError } from "@/lib/errors";
import { admin, uniq, expectCode } from "../support/expect-code";



describe("instances, agents, chats", () => {
  it("creates an instance with an audit event and lists it", async () => {
    const agent = await createAgent(admin, { name: "Triage", provider: "anthropic", model: null, description: null });
    const inst = await createInstance(admin, { name: `wa-${uniq()}`, channel: "whatsapp", defaultAgentId: agent.id });
    expect(inst.defaultAgent?.name).toBe("Triage");
    const events = await prisma.auditEvent.findMany({ where: { targetId: inst.id } });
    expect(events.map((e) => e.action)).toEqual(["instance.create"]);
    const page = await listInstances(admin, { limit: 200 });
    expect(page.items.some((i) => i.id === inst.id)).toBe(true);
  });

  it("refuses a duplicate instance name with CONFLICT and writes nothing", async () => {
    const name = `tg-${uniq()}`;
    await createInstance(admin, { name, channel: "telegram" });
    const before = await prisma.auditEvent.count();
    await expectCode(createInstance(admin, { name, channel: "telegram" }), "CONFLICT");
    expect(await prisma.auditEvent.count()).toBe(before);
  });

  it("hides instances outside a key's restriction", async () => {
    const a = await createInstance(admin, { name: `a-${uniq()}`, channel: "slack" });
    const b = await createInstance(admin, { name: `b-${uniq()}`, channel: "slack" });
    const restricted: Principal = { type: "apiKey", id: "k", name: "k", scopes: ["*"], instanceIds: [a.id] };
    const page = await listInstances(restricted, { limit: 200 });
    expect(page.items.map((i) => i.id)).toEqual([a.id]);
    await expectCode(getInstance(restricted, b.id), "NOT_FOUND");
    await expectCode(updateInstance(restricted, b.id, { name: "x" }), "NOT_FOUND");
    await expectCode(createChat(restricted, { instanceId: b.id, externalId: "1", type: "dm" }), "FORBIDDEN");
    const chat = await createChat(restricted, { instanceId: a.id, externalId: "c1", title: "Ops", type: "group" });
    expect((await listChats(restricted, { limit: 20, q: "Ops" })).items.map((c) => c.id)).toContain(chat.id);
  });

  it("enforces scopes in the service", async () => {
    const reader: Principal = { type: "apiKey", id: "r", name: "r", scopes: ["instances:read"], instanceIds: null };
    await expectCode(createInstance(reader, { name: `x-${uniq()}`, channel: "sms" }), "FORBIDDEN");
  });
});

describe("API key verification", () => {
  it("accepts an active key and rejects unknown, revoked and expired ones", async () => {
    const k = await createApiKey(admin, { name: "ci", scopes: ["routes:read"] });
    const p = await verifyApiKey(k.key);
    expect(p).toMatchObject({ type: "apiKey", id: k.id, scopes: ["routes:read"], instanceIds: null });
    expect(JSON.stringify(await prisma.apiKey.findUnique({ where: { id: k.id } }))).not.toContain(k.key);

    await expectCode(verifyApiKey(k.key.slice(0, -4) + "AAAA"), "UNAUTHENTICATED");
    await expectCode(verifyApiKey("not-a-key"), "UNAUTHENTICATED");

    await prisma.apiKey.update({ where: { id: k.id }, data: { status: "revoked" } });
    clearKeyCache();
    await verifyApiKey(k.key).catch((e: AppError) => expect(e.message).toMatch(/revoked/));
    await expectCode(verifyApiKey(k.key), "UNAUTHENTICATED");

    const e = await createApiKey(admin, { name: "soon", scopes: ["*"], expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await prisma.apiKey.update({ where: { id: e.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    clearKeyCache();
    await verifyApiKey(e.key).catch((err: AppError) => expect(err.message).toMatch(/expired/));
  });

  it("refuses unknown scopes and grants beyond the creator's", async () => {
    const limited: Principal = { type: "apiKey", id: "l", name: "l", scopes: ["keys:write", "routes:read"], instanceIds: null };
    await expectCode(createApiKey(limited, { name: "x", scopes: ["routes:write"] }), "FORBIDDEN");
    const ok = await createApiKey(limited, { name: "y", scopes: ["routes:read"] });
    expect(ok.scopes).toEqual(["routes:read"]);
  });
});

describe("users", () => {
  it("signs in with the right password only", async () => {
    const email = `lead-${uniq()}@example.com`;
    await createUser(admin, { email, password: "granite-otter-lantern-42", role: "lead" });
    expect(await authenticate(email.toUpperCase(), "granite-otter-lantern-42")).toMatchObject({ email, role: "lead" });
    expect(await authenticate(email, "nope")).toBeNull();
    expect(await authenticate("nobody@example.com", "granite-otter-lantern-42")).toBeNull();
  });
});

describe("audit chain", () => {
  it("verifies after all the writes above, and detects an edited row", async () => {
    await sealAll();
    const ok = await verifyAuditChain();
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(3);
    const victim = await prisma.auditEvent.findFirst({ orderBy: { seq: "asc" }, skip: 1 });
    await prisma.auditEvent.update({ where: { id: victim!.id }, data: { reason: "edited" } });
    const broken = await verifyAuditChain();
    expect(broken.ok).toBe(false);
    expect(broken.brokenAt?.id).toBe(victim!.id);
    await prisma.auditEvent.update({ where: { id: victim!.id }, data: { reason: victim!.reason } });
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
