// Instance restriction over audit, keys, lists and global records, on a real database: a key
// restricted to instance A sees and manages only what concerns A (API.md "Instance restriction,
// completed" and "Lists and search").
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemPrincipal, type Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { createInstance } from "@/lib/catalog/instances";
import { createAgent, updateAgent } from "@/lib/catalog/agents";
import { createChat, listChats } from "@/lib/catalog/chats";
import { createPerson } from "@/lib/persons/create-person";
import { mergePersons } from "@/lib/persons/merge-persons";
import { unlinkIdentity } from "@/lib/persons/unlink-identity";
import { createRoute } from "@/lib/routes/create-route";
import { deleteRoute } from "@/lib/routes/delete-route";
import { listRoutes } from "@/lib/routes/list-routes";
import { routeListQuerySchema } from "@/lib/routes/schemas";
import { getAuditEvent, listAudit, personAudit } from "@/lib/audit/read-audit";
import { auditExportStream } from "@/lib/audit/export-audit";
import { revertAuditEvent } from "@/lib/audit/revert-event";
import { auditListQuerySchema } from "@/lib/audit/schemas";
import { createApiKey } from "@/lib/keys/create-key";
import { deleteApiKey } from "@/lib/keys/delete-key";
import { getApiKey, listApiKeys } from "@/lib/keys/list-keys";
import { revokeApiKey } from "@/lib/keys/revoke-key";
import { rollApiKey } from "@/lib/keys/roll-key";
import { updateApiKey } from "@/lib/keys/update-key";
import { keyUsageSeries } from "@/lib/keys/usage-series";
import { verifyAuditChain } from "@/lib/audit/verify-chain";

const admin = systemPrincipal("restriction-test");
const uniq = () => Math.random().toString(36).slice(2, 8);
let A: string;
let B: string;
let agentId: string;
/** A key restricted to A with everything a revert, the audit log and key management need. */
let onA: Principal;

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e, "expected a rejection").toBeInstanceOf(AppError);
  return (e as AppError).code;
}

const restricted = (instanceIds: string[], scopes = ["*"]): Principal => ({ type: "apiKey", id: `k-${uniq()}`, name: "restricted", scopes, instanceIds });
const personOn = (instanceId: string, name = `p-${uniq()}`) =>
  createPerson(admin, { displayName: name, identities: [{ instanceId, platformUserId: `u-${uniq()}` }] });
const auditQuery = (q: Record<string, unknown> = {}) => auditListQuerySchema.parse({ limit: 200, ...q });

async function allAuditIds(p: Principal, q: Record<string, unknown> = {}) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAudit(p, auditQuery({ ...q, cursor }));
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

async function exported(p: Principal, format: "csv" | "ndjson") {
  const reader = auditExportStream(p, auditQuery(), format).getReader();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text;
    text += new TextDecoder().decode(value);
  }
}

beforeAll(async () => {
  A = (await createInstance(admin, { name: `restrict-a-${uniq()}`, channel: "whatsapp" })).id;
  B = (await createInstance(admin, { name: `restrict-b-${uniq()}`, channel: "telegram" })).id;
  agentId = (await createAgent(admin, { name: `restrict-${uniq()}`, provider: "openai" })).id;
  onA = restricted([A], ["audit:read", "persons:write", "persons:read", "keys:read", "keys:write"]);
});

describe("audit events", () => {
  it("a merge of two persons only on B: invisible to a key on A (list, read, export, history) and not revertible by it", async () => {
    const [s, t] = [await personOn(B), await personOn(B)];
    const { auditEventId } = await mergePersons(admin, { sourceId: s.id, targetId: t.id });
    expect(await allAuditIds(onA)).not.toContain(auditEventId);
    expect(await allAuditIds(onA, { personId: t.id })).toEqual([]);
    expect(await codeOf(getAuditEvent(onA, auditEventId))).toBe("NOT_FOUND");
    for (const format of ["csv", "ndjson"] as const) expect(await exported(onA, format)).not.toContain(auditEventId);
    expect((await personAudit(onA, t.id)).map((e) => e.id)).toEqual([]);
    expect(await codeOf(revertAuditEvent(onA, auditEventId))).toBe("NOT_FOUND");
    // not reverted: the source is still merged away
    expect(await prisma.person.findUnique({ where: { id: s.id } })).toBeNull();
    // an unrestricted caller still sees it everywhere
    expect(await allAuditIds(admin)).toContain(auditEventId);
    expect(await exported(admin, "ndjson")).toContain(auditEventId);
  });

  it("a merge of two persons on A: visible, exported and revertible by a key on A", async () => {
    const [s, t] = [await personOn(A), await personOn(A)];
    const { auditEventId } = await mergePersons(admin, { sourceId: s.id, targetId: t.id });
    expect(await allAuditIds(onA)).toContain(auditEventId);
    expect((await getAuditEvent(onA, auditEventId)).id).toBe(auditEventId);
    expect(await exported(onA, "csv")).toContain(auditEventId);
    expect((await personAudit(onA, t.id)).map((e) => e.id)).toContain(auditEventId);
    const r = await revertAuditEvent(onA, auditEventId, "test");
    expect(r.persons.sort()).toEqual([s.id, t.id].sort());
    expect(await prisma.person.findUnique({ where: { id: s.id } })).not.toBeNull();
    // the revert concerns persons on A: the key on A sees its own event too
    expect(await allAuditIds(onA)).toContain(r.auditEventId);
  });

  it("an event with one subject on A and one on B is visible to a key on A, but its revert needs every subject: 403", async () => {
    const onAB = await createPerson(admin, {
      displayName: `ab-${uniq()}`,
      identities: [{ instanceId: A, platformUserId: `u-${uniq()}` }, { instanceId: B, platformUserId: `u-${uniq()}` }],
    });
    const onlyB = await personOn(B);
    const { auditEventId } = await mergePersons(admin, { sourceId: onlyB.id, targetId: onAB.id });
    expect(await allAuditIds(onA)).toContain(auditEventId);
    expect((await getAuditEvent(onA, auditEventId)).id).toBe(auditEventId);
    expect(await codeOf(revertAuditEvent(onA, auditEventId))).toBe("FORBIDDEN");
    expect(await prisma.person.findUnique({ where: { id: onlyB.id } })).toBeNull();
  });

  it("an unlink on A is revertible by a key on A; one on B is not even visible", async () => {
    const onAPerson = await createPerson(admin, {
      displayName: `two-${uniq()}`,
      identities: [{ instanceId: A, platformUserId: `u-${uniq()}` }, { instanceId: A, platformUserId: `u-${uniq()}` }],
    });
    const unlinked = await unlinkIdentity(admin, onAPerson.identities[1].id, {});
    expect((await revertAuditEvent(onA, unlinked.auditEventId)).action).toBe("identity.unlink");
    const onBPerson = await createPerson(admin, {
      displayName: `two-${uniq()}`,
      identities: [{ instanceId: B, platformUserId: `u-${uniq()}` }, { instanceId: B, platformUserId: `u-${uniq()}` }],
    });
    const hidden = await unlinkIdentity(admin, onBPerson.identities[1].id, {});
    expect(await codeOf(revertAuditEvent(onA, hidden.auditEventId))).toBe("NOT_FOUND");
  });

  it("route, instance, agent and key events: by the instances they concern (a deleted route and an unrestricted key included)", async () => {
    const chat = await createChat(admin, { instanceId: B, externalId: `c-${uniq()}`, type: "dm" });
    const route = await createRoute(admin, { instanceId: B, scope: "chat", chatId: chat.id, agentId, priority: 0 } as never);
    await deleteRoute(admin, route.id);
    const agent = await createAgent(admin, { name: `global-${uniq()}`, provider: "openai" });
    const keyOnB = await createApiKey(admin, { name: `b-${uniq()}`, scopes: ["routes:read"], instanceIds: [B] });
    const keyOnA = await createApiKey(admin, { name: `a-${uniq()}`, scopes: ["routes:read"], instanceIds: [A] });
    const keyAB = await createApiKey(admin, { name: `ab-${uniq()}`, scopes: ["routes:read"], instanceIds: [A, B] });
    const unrestricted = await createApiKey(admin, { name: `all-${uniq()}`, scopes: ["routes:read"] });
    await deleteApiKey(admin, keyOnA.id);
    const seenByA = new Set(await allAuditIds(onA));
    const seenByB = new Set(await allAuditIds(restricted([B])));
    const events = await prisma.auditEvent.findMany({
      where: { targetId: { in: [route.id, agent.id, keyOnB.id, keyOnA.id, keyAB.id, unrestricted.id, B] } },
      select: { id: true, action: true, targetId: true },
    });
    const visible = (seen: Set<string>) => events.filter((e) => seen.has(e.id)).map((e) => `${e.action} ${e.targetId}`).sort();
    expect(visible(seenByA)).toEqual([`key.create ${keyOnA.id}`, `key.delete ${keyOnA.id}`].sort());
    expect(visible(seenByB)).toEqual([
      `instance.create ${B}`, `route.create ${route.id}`, `route.delete ${route.id}`, `key.create ${keyOnB.id}`,
    ].sort());
  });

  it("leaves the hash chain verifiable", async () => {
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});

describe("API keys", () => {
  it("a restricted key cannot see or touch the unrestricted admin key, nor a key reaching beyond its instances (404)", async () => {
    const adminKey = await createApiKey(admin, { name: `admin-${uniq()}`, scopes: ["*"] });
    const wider = await createApiKey(admin, { name: `ab-${uniq()}`, scopes: ["routes:read"], instanceIds: [A, B] });
    for (const target of [adminKey.id, wider.id]) {
      expect(await codeOf(getApiKey(onA, target))).toBe("NOT_FOUND");
      expect(await codeOf(keyUsageSeries(onA, target))).toBe("NOT_FOUND");
      expect(await codeOf(updateApiKey(onA, target, { description: "mine now" }))).toBe("NOT_FOUND");
      expect(await codeOf(revokeApiKey(onA, target, { reason: "takeover" }))).toBe("NOT_FOUND");
      expect(await codeOf(rollApiKey(onA, target, { gracePeriodSeconds: 0 }))).toBe("NOT_FOUND");
      expect(await codeOf(deleteApiKey(onA, target))).toBe("NOT_FOUND");
      const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: target } });
      expect(row.status).toBe("active");
      expect(row.description).toBeNull();
    }
  });

  it("lists only keys whose instances are inside its own, and manages those", async () => {
    const tag = uniq();
    const mine = await createApiKey(admin, { name: `list-${tag}-a`, scopes: ["keys:read"], instanceIds: [A] });
    const theirs = await createApiKey(admin, { name: `list-${tag}-b`, scopes: ["routes:read"], instanceIds: [B] });
    const both = await createApiKey(admin, { name: `list-${tag}-ab`, scopes: ["routes:read"], instanceIds: [A, B] });
    const every = await createApiKey(admin, { name: `list-${tag}-all`, scopes: ["routes:read"] });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listApiKeys(onA, { limit: 2, cursor });
      seen.push(...page.items.map((k) => k.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toContain(mine.id);
    for (const hidden of [theirs.id, both.id, every.id]) expect(seen).not.toContain(hidden);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await getApiKey(onA, mine.id)).id).toBe(mine.id);
    expect((await keyUsageSeries(onA, mine.id, { hours: 2 })).keyId).toBe(mine.id);
    expect((await updateApiKey(onA, mine.id, { description: "ok" })).description).toBe("ok");
    const rolled = await rollApiKey(onA, mine.id, { gracePeriodSeconds: 0 });
    expect(rolled.instanceIds).toEqual([A]);
    expect((await revokeApiKey(onA, rolled.id, {})).status).toBe("revoked");
    expect((await deleteApiKey(onA, rolled.id)).deleted).toBe(true);
  });
});

describe("lists filtered on an instance", () => {
  it("routes and chats filtered on an instance outside the restriction: 403 FORBIDDEN; inside: the rows", async () => {
    const reader = restricted([A], ["routes:read", "chats:read"]);
    expect(await codeOf(listRoutes(reader, routeListQuerySchema.parse({ instance: B })))).toBe("FORBIDDEN");
    expect(await codeOf(listChats(reader, { limit: 20, instance: B }))).toBe("FORBIDDEN");
    const chat = await createChat(admin, { instanceId: A, externalId: `c-${uniq()}`, type: "dm" });
    const route = await createRoute(admin, { instanceId: A, scope: "chat", chatId: chat.id, agentId, priority: 0 } as never);
    expect((await listRoutes(reader, routeListQuerySchema.parse({ instance: A, limit: 200 }))).items.map((r) => r.id)).toContain(route.id);
    expect((await listChats(reader, { limit: 200, instance: A })).items.map((c) => c.id)).toContain(chat.id);
  });
});

describe("global records", () => {
  it("a restricted key cannot create or change agents (403), whatever its scopes", async () => {
    const key = restricted([A], ["*"]);
    expect(await codeOf(createAgent(key, { name: "x", provider: "openai" }))).toBe("FORBIDDEN");
    expect(await codeOf(updateAgent(key, agentId, { description: "changed" }))).toBe("FORBIDDEN");
    expect((await prisma.agent.findUniqueOrThrow({ where: { id: agentId } })).description).toBeNull();
  });
});
