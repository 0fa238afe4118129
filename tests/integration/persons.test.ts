import { beforeAll, describe, expect, it } from "vitest";
import { dbProvider, prisma } from "@/lib/db";
import { type Principal } from "@/lib/auth/principal";
import { scopesForRole } from "@/lib/auth/rules/scopes";
import { AppError } from "@/lib/errors";
import { createInstance } from "@/lib/catalog/instances";
import { createAgent } from "@/lib/catalog/agents";
import { createPerson } from "@/lib/persons/create-person";
import { getPerson } from "@/lib/persons/get-person";
import { updatePerson } from "@/lib/persons/update-person";
import { searchPersons } from "@/lib/persons/search-persons";
import { mergePersons, previewMerge } from "@/lib/persons/merge-persons";
import { linkIdentities } from "@/lib/persons/link-identities";
import { unlinkIdentity } from "@/lib/persons/unlink-identity";
import { getPresence, recordActivity } from "@/lib/persons/presence";
import { duplicateSuggestions } from "@/lib/persons/find-duplicates";
import { getAuditEvent, listAudit, personAudit } from "@/lib/audit/read-audit";
import { auditExportStream } from "@/lib/audit/export-audit";
import { revertAuditEvent } from "@/lib/audit/revert-event";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { onChange, type ChangeEvent } from "@/lib/events/changes";
import { parseInput } from "@/lib/schemas/parse";
import { personCreateSchema, personUpdateSchema } from "@/lib/persons/schemas";
import { admin, uniq, expectCode } from "../support/expect-code";

let wa: string;
let tg: string;
let agentId: string;


const q = (text?: string, limit = 20) => searchPersons(admin, { q: text, limit });

function person(name: string, ids: { inst: string; uid: string; user?: string }[] = [], extra: Record<string, string> = {}) {
  return createPerson(admin, parseInput(personCreateSchema, {
    displayName: name,
    ...extra,
    identities: ids.map((i) => ({ instanceId: i.inst, platformUserId: i.uid, platformUsername: i.user ?? null })),
  }));
}

/** Every identity sits on exactly one existing person (the FK guarantees "existing"; count it). */
async function invariants() {
  const orphans = await prisma.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM "PlatformIdentity" i LEFT JOIN "Person" p ON p."id" = i."personId" WHERE p."id" IS NULL`;
  expect(Number(orphans[0].n)).toBe(0);
  // The search index: every term row belongs to its identity's current person.
  const [stray] = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT COUNT(*) AS n FROM "PersonSearchTerm" t JOIN "PlatformIdentity" i ON i."id" = t."identityId" WHERE i."personId" <> t."personId"`;
  expect(Number(stray.n)).toBe(0);
  // Every person's search document holds exactly its own terms (name, email, phone), each after a newline.
  const docs = await prisma.personSearchDoc.findMany({ select: { personId: true, doc: true } });
  const own = await prisma.personSearchTerm.findMany({ where: { identityId: null }, select: { personId: true, term: true } });
  const expected = new Map<string, string[]>();
  for (const t of own) expected.set(t.personId, [...(expected.get(t.personId) ?? []), t.term]);
  const persons = await prisma.person.findMany({ select: { id: true } });
  expect(docs.map((d) => d.personId).sort()).toEqual(persons.map((x) => x.id).sort());
  for (const d of docs) expect(d.doc.split("\n").slice(1).sort()).toEqual((expected.get(d.personId) ?? []).sort());
  // FTS5's own checks of its indexes (against the content table where there is one; throws "database disk image is malformed").
  if (dbProvider === "sqlite") {
    await prisma.$executeRaw`INSERT INTO "PersonSearchDocTrigram" ("PersonSearchDocTrigram", rank) VALUES ('integrity-check', 1)`;
    await prisma.$executeRaw`INSERT INTO "PersonSearchIdentityTrigram" ("PersonSearchIdentityTrigram", rank) VALUES ('integrity-check', 0)`;
  }
}

/** A person's restorable state, for before/after comparisons. */
async function state(id: string) {
  const p = await prisma.person.findUnique({
    where: { id },
    select: {
      id: true, displayName: true, primaryPhone: true, primaryEmail: true, avatarUrl: true, metadata: true, createdAt: true,
      identities: { select: { id: true, linkedBy: true, linkReason: true }, orderBy: { id: "asc" } },
      routes: { select: { id: true, active: true }, orderBy: { id: "asc" } },
    },
  });
  return p;
}

beforeAll(async () => {
  wa = (await createInstance(admin, { name: `wa-${uniq()}`, channel: "whatsapp" })).id;
  tg = (await createInstance(admin, { name: `tg-${uniq()}`, channel: "telegram" })).id;
  agentId = (await createAgent(admin, { name: "Persons agent", provider: "anthropic" })).id;
});

describe("create, get, update", () => {
  it("creates a person with identities and an audited snapshot", async () => {
    const p = await person("Ada Lovelace", [{ inst: wa, uid: "447400123456@s.whatsapp.net" }, { inst: tg, uid: "100200300", user: "ada_l" }], { primaryPhone: "+44 7400 123456" });
    expect(p.primaryPhone).toBe("+447400123456");
    expect(p.identities.map((i) => i.channel).sort()).toEqual(["telegram", "whatsapp"]);
    const ev = await prisma.auditEvent.findFirst({ where: { action: "person.create", targetId: p.id } });
    expect((ev!.after as { identities: unknown[] }).identities).toHaveLength(2);
  });

  it("refuses an identity that already belongs to someone (409, naming it) and writes nothing", async () => {
    const first = await person("First owner", [{ inst: wa, uid: "dup-1" }]);
    const before = { persons: await prisma.person.count(), keys: await prisma.personDataKey.count(), events: await prisma.auditEvent.count() };
    const e = await expectCode(person("Second owner", [{ inst: tg, uid: "fresh-1" }, { inst: wa, uid: "dup-1" }]), "CONFLICT");
    expect(e.details).toEqual({ identityId: first.identities[0].id, personId: first.id });
    expect({ persons: await prisma.person.count(), keys: await prisma.personDataKey.count(), events: await prisma.auditEvent.count() }).toEqual(before);
    expect(await prisma.platformIdentity.count({ where: { platformUserId: "fresh-1" } })).toBe(0);
  });

  it("racing creates of one identity: one person, the others 409, never an error", async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => person(`Racer ${i}`, [{ inst: wa, uid: "race-1" }])));
    const codes = outcomes.map((o) => (o.status === "fulfilled" ? "created" : (o.reason as AppError).code));
    expect(codes.filter((c) => c === "created")).toHaveLength(1);
    expect(codes.filter((c) => c !== "created")).toEqual(Array(7).fill("CONFLICT"));
    expect(await prisma.platformIdentity.count({ where: { platformUserId: "race-1" } })).toBe(1);
  });

  it("validates the phone as E.164 with a clear message", () => {
    const e = (() => { try { parseInput(personUpdateSchema, { primaryPhone: "12345" }); } catch (err) { return err as AppError; } })();
    expect(e?.code).toBe("VALIDATION_ERROR");
    expect((e?.details?.fields as Record<string, string[]>).primaryPhone[0]).toMatch(/country code/);
    expect(parseInput(personUpdateSchema, { primaryPhone: "+1 415-555-0123", primaryEmail: "" })).toEqual({ primaryPhone: "+14155550123", primaryEmail: null });
    expect(() => parseInput(personUpdateSchema, { metadata: [1, 2] })).toThrow(AppError);
    expect(() => parseInput(personUpdateSchema, { nickname: "x" })).toThrow(AppError);
  });

  it("updates with before/after in the audit event, and 404s unknown ids", async () => {
    const p = await person("Grace H");
    const u = await updatePerson(admin, p.id, { displayName: "Grace Hopper", primaryEmail: "grace@navy.example", metadata: { team: "compilers" } });
    expect(u).toMatchObject({ displayName: "Grace Hopper", metadata: { team: "compilers" } });
    const stored = await prisma.auditEvent.findFirst({ where: { action: "person.update", targetId: p.id } });
    // stored sealed (crypto-shredding, lib/privacy); read back in the clear
    expect(JSON.stringify([stored!.before, stored!.after])).not.toMatch(/Grace|navy|compilers/);
    const ev = await getAuditEvent(admin, stored!.id);
    expect(ev.before).toEqual({ displayName: "Grace H", primaryEmail: null, metadata: null });
    expect(ev.after).toEqual({ displayName: "Grace Hopper", primaryEmail: "grace@navy.example", metadata: { team: "compilers" } });
    await updatePerson(admin, p.id, { metadata: null });
    expect((await getPerson(admin, p.id)).metadata).toBeNull();
    await expectCode(getPerson(admin, "00000000-0000-4000-8000-000000000000"), "NOT_FOUND");
    await expectCode(updatePerson({ ...admin, scopes: ["persons:read"] }, p.id, { displayName: "x" }), "FORBIDDEN");
  });
});

describe("search", () => {
  it("finds by name prefix, phone (full or national), email, username and platform id", async () => {
    const tag = uniq();
    const p = await person(`Zelda ${tag}`, [{ inst: tg, uid: `77${tag}`, user: `zel_${tag}` }], { primaryPhone: "+14155550142", primaryEmail: `zelda.${tag}@hyrule.example` });
    const ids = async (text: string) => (await q(text, 200)).items.map((i) => i.id);
    expect(await ids(`zel ${tag.slice(0, 3)}`)).toContain(p.id);
    expect(await ids("+1 415 555 0142")).toContain(p.id);
    expect(await ids("4155550142")).toContain(p.id);
    expect(await ids(`zelda.${tag}@hyr`)).toContain(p.id);
    expect(await ids(`@zel_${tag}`)).toContain(p.id);
    expect(await ids(`77${tag}`)).toContain(p.id);
    expect(await ids("nobody-by-this-name-xyz")).toEqual([]);
    const row = (await q(`zelda ${tag}`)).items[0];
    expect(row).toMatchObject({ id: p.id, identityCount: 1, channels: ["telegram"] });
  });

  it("never errors on FTS syntax, and pages with an opaque cursor", async () => {
    for (const text of ['"', "AND", "NEAR(", "*", "a OR", "(((", "'; DROP TABLE Person; --"]) await expect(q(text)).resolves.toBeDefined();
    const tag = uniq();
    for (let i = 0; i < 5; i++) await person(`Pager ${tag} ${i}`);
    const first = await q(`pager ${tag}`, 2);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await searchPersons(admin, { q: `pager ${tag}`, limit: 10, cursor: first.nextCursor! });
    expect(rest.items).toHaveLength(3);
    expect(new Set([...first.items, ...rest.items].map((i) => i.id)).size).toBe(5);
  });

  it("follows renames, identity changes and deletions (triggers)", async () => {
    const tag = uniq();
    const p = await person(`Old${tag}`);
    await updatePerson(admin, p.id, { displayName: `New${tag}` });
    expect((await q(`old${tag}`)).items).toHaveLength(0);
    expect((await q(`new${tag}`)).items.map((i) => i.id)).toEqual([p.id]);
    await invariants();
  });

  it("limits an instance-restricted key to persons on its instances", async () => {
    const tag = uniq();
    const onWa = await person(`Scoped ${tag} wa`, [{ inst: wa, uid: `s-${tag}` }]);
    await person(`Scoped ${tag} tg`, [{ inst: tg, uid: `s-${tag}` }]);
    const restricted: Principal = { type: "apiKey", id: "k", name: "k", scopes: ["persons:*"], instanceIds: [wa] };
    expect((await searchPersons(restricted, { q: `scoped ${tag}`, limit: 20 })).items.map((i) => i.id)).toEqual([onWa.id]);
  });
});

describe("merge", () => {
  it("moves identities and routes, fills empty fields, deletes the source, audits both snapshots", async () => {
    const src = await person("Maria S", [{ inst: wa, uid: "m-wa" }, { inst: tg, uid: "m-tg", user: "maria_s" }], { primaryPhone: "+5511987654321" });
    const tgt = await person("Maria Silva", [{ inst: tg, uid: "m-tg2" }], { primaryEmail: "maria@example.com" });
    const r1 = await prisma.agentRoute.create({ data: { instanceId: wa, scope: "user", personId: src.id, agentId } });
    const r2 = await prisma.agentRoute.create({ data: { instanceId: tg, scope: "user", personId: src.id, agentId } });
    const r3 = await prisma.agentRoute.create({ data: { instanceId: tg, scope: "user", personId: tgt.id, agentId, priority: 5 } });
    const preview = await previewMerge(admin, src.id, tgt.id);
    expect(preview.fields).toEqual({ primaryPhone: "+5511987654321" });
    expect(preview.routes.find((r) => r.id === r2.id)?.conflict).toBe(true);

    const total = await prisma.platformIdentity.count();
    const events: ChangeEvent[] = [];
    const off = onChange((e) => events.push(e));
    const res = await mergePersons(admin, { sourceId: src.id, targetId: tgt.id, reason: "Same phone" });
    off();
    expect(await prisma.platformIdentity.count()).toBe(total);
    expect(res.deletedPersonId).toBe(src.id);
    expect(res.mergedIdentityIds.sort()).toEqual(src.identities.map((i) => i.id).sort());
    expect(res.person.identities).toHaveLength(3);
    expect(res.person.primaryPhone).toBe("+5511987654321");
    expect(res.person.primaryEmail).toBe("maria@example.com");
    expect(res.person.displayName).toBe("Maria Silva");
    expect(await prisma.person.findUnique({ where: { id: src.id } })).toBeNull();
    expect(res.repointedRouteIds).toEqual([r1.id]);
    expect(res.conflictingRouteIds).toEqual([r2.id]);
    const routes = await Promise.all([r1, r2, r3].map((r) => prisma.agentRoute.findUniqueOrThrow({ where: { id: r.id } })));
    expect(routes.map((r) => [r.personId, r.active])).toEqual([[tgt.id, true], [tgt.id, false], [tgt.id, true]]);
    expect(events).toEqual(expect.arrayContaining([{ kind: "person", id: src.id }, { kind: "person", id: tgt.id }, { kind: "route", instanceId: wa }]));

    const ev = await getAuditEvent(admin, res.auditEventId);
    expect(ev).toMatchObject({ action: "person.merge", targetId: tgt.id, reason: "Same phone", revertible: true });
    const before = ev.before as { source: { displayName: string; identities: unknown[]; routes: unknown[] }; target: { id: string } };
    expect(before.source.displayName).toBe("Maria S");
    expect(before.source.identities).toHaveLength(2);
    expect(before.source.routes).toHaveLength(2);
    expect(before.target.id).toBe(tgt.id);
    const subjects = await prisma.auditSubject.findMany({ where: { eventId: res.auditEventId } });
    expect(subjects.map((s) => s.subjectId).sort()).toEqual([src.id, tgt.id].sort());
    expect((await personAudit(admin, src.id)).map((e) => e.action)).toContain("person.merge");
    // The merged identities are found through the target now.
    expect((await q("maria_s")).items.map((i) => i.id)).toEqual([tgt.id]);
    await invariants();
  });

  it("refuses merging a person into itself (409) and unknown persons (404)", async () => {
    const p = await person("Self");
    await expectCode(mergePersons(admin, { sourceId: p.id, targetId: p.id }), "CONFLICT");
    await expectCode(mergePersons(admin, { sourceId: "00000000-0000-4000-8000-000000000000", targetId: p.id }), "NOT_FOUND");
    await expectCode(mergePersons({ ...admin, scopes: ["persons:read"] }, { sourceId: p.id, targetId: p.id }), "FORBIDDEN");
  });

  it("merges a person with no identities", async () => {
    const empty = await person("No identities", [], { primaryEmail: "lonely@example.com" });
    const tgt = await person("Has one", [{ inst: wa, uid: `h-${uniq()}` }]);
    const res = await mergePersons(admin, { sourceId: empty.id, targetId: tgt.id });
    expect(res.mergedIdentityIds).toEqual([]);
    expect(res.person.primaryEmail).toBe("lonely@example.com");
    await invariants();
  });

  it("leaves nothing changed when it fails midway (audit insert aborts)", async () => {
    const src = await person("Fail src", [{ inst: wa, uid: `f-${uniq()}` }]);
    const tgt = await person("Fail tgt", [{ inst: tg, uid: `f-${uniq()}` }]);
    const route = await prisma.agentRoute.create({ data: { instanceId: wa, scope: "user", personId: src.id, agentId } });
    const [s0, t0, events0] = [await state(src.id), await state(tgt.id), await prisma.auditEvent.count()];
    if (dbProvider === "postgresql") {
      await prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.reason = 'boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
      await prisma.$executeRawUnsafe(`CREATE TRIGGER test_fail_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION test_fail_audit()`);
    } else {
      await prisma.$executeRawUnsafe(`CREATE TRIGGER test_fail_audit BEFORE INSERT ON "AuditEvent" WHEN NEW.reason = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    }
    try {
      await expect(mergePersons(admin, { sourceId: src.id, targetId: tgt.id, reason: "boom" })).rejects.toThrow();
    } finally {
      await prisma.$executeRawUnsafe(dbProvider === "postgresql" ? `DROP TRIGGER test_fail_audit ON "AuditEvent"` : `DROP TRIGGER test_fail_audit`);
    }
    expect(await state(src.id)).toEqual(s0);
    expect(await state(tgt.id)).toEqual(t0);
    expect(await prisma.auditEvent.count()).toBe(events0);
    expect((await prisma.agentRoute.findUnique({ where: { id: route.id } }))!.personId).toBe(src.id);
    await invariants();
  });
});

describe("link and unlink", () => {
  it("links two identities by merging B's person into A's, and says so", async () => {
    const a = await person("Link A", [{ inst: wa, uid: `la-${uniq()}` }]);
    const b = await person("Link B", [{ inst: tg, uid: `lb-${uniq()}` }, { inst: wa, uid: `lb2-${uniq()}` }]);
    const total = await prisma.platformIdentity.count();
    const res = await linkIdentities(admin, { identityA: a.identities[0].id, identityB: b.identities[0].id, reason: "Same customer" });
    expect(res).toMatchObject({ merged: true, mergedPersonId: b.id });
    expect(res.person.id).toBe(a.id);
    expect(res.person.identities).toHaveLength(3);
    expect(await prisma.platformIdentity.count()).toBe(total);
    const ev = await getAuditEvent(admin, res.auditEventId);
    expect(ev).toMatchObject({ action: "identity.link", targetType: "identity", targetId: b.identities[0].id, reason: "Same customer" });
    await expectCode(linkIdentities(admin, { identityA: a.identities[0].id, identityB: b.identities[0].id }), "CONFLICT");
    await expectCode(linkIdentities(admin, { identityA: a.identities[0].id, identityB: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND");
    await invariants();
  });

  it("unlinks an identity to a new person of its own, with the default reason", async () => {
    const p = await person("Unlink me", [{ inst: wa, uid: `u1-${uniq()}` }, { inst: tg, uid: `u2-${uniq()}`, user: "second_acct" }]);
    const target = p.identities.find((i) => i.channel === "telegram")!;
    const res = await unlinkIdentity(admin, target.id, {});
    expect(res.person.id).not.toBe(p.id);
    expect(res.person.displayName).toBe("second_acct");
    expect(res.identity).toMatchObject({ id: target.id, personId: res.person.id, linkReason: "Manual unlink", linkedBy: "test" });
    expect((await getPerson(admin, p.id)).identities).toHaveLength(1);
    const ev = await getAuditEvent(admin, res.auditEventId);
    expect(ev).toMatchObject({ action: "identity.unlink", reason: "Manual unlink" });
    // The last identity of a person cannot be unlinked: it is already on its own.
    await expectCode(unlinkIdentity(admin, target.id, {}), "CONFLICT");
    await expectCode(unlinkIdentity(admin, "00000000-0000-4000-8000-000000000000", {}), "NOT_FOUND");
    await invariants();
  });
});

describe("duplicate suggestions", () => {
  it("proposes persons sharing a phone, with the evidence, keeping the one with more identities", async () => {
    const tag = uniq();
    const phone = `+1415555${String(Math.floor(1000 + Math.random() * 8999))}`;
    const many = await person(`Dup Many ${tag}`, [{ inst: wa, uid: `d1-${tag}` }, { inst: tg, uid: `d2-${tag}` }], { primaryPhone: phone });
    const few = await person(`Dup Few ${tag}`, [{ inst: tg, uid: `d3-${tag}` }], { primaryPhone: phone });
    const found = (await duplicateSuggestions(admin, 500)).find((s) => s.source.id === few.id || s.target.id === few.id);
    expect(found).toMatchObject({ source: { id: few.id }, target: { id: many.id }, evidence: [{ kind: "phone", value: phone }] });
  });
});

describe("presence", () => {
  it("records activity and summarizes it per channel", async () => {
    const p = await person("Present", [{ inst: wa, uid: `pr-${uniq()}` }, { inst: tg, uid: `pr-${uniq()}` }]);
    const [w, t] = [p.identities.find((i) => i.channel === "whatsapp")!, p.identities.find((i) => i.channel === "telegram")!];
    await recordActivity(admin, w.id, { messages: 3 });
    await recordActivity(admin, t.id, { at: new Date(Date.now() - 3600_000).toISOString(), messages: 2 });
    await recordActivity(admin, t.id, { at: new Date(Date.now() - 7200_000).toISOString() });
    const r = await getPresence(admin, p.id);
    expect(r.summary).toMatchObject({ totalIdentities: 2, activeChannels: 2, totalMessages: 5, online: true });
    expect(r.byChannel.telegram).toMatchObject({ identities: 1, messages: 2, online: false });
    expect(r.byChannel.telegram.firstSeenAt!.getTime()).toBeLessThan(r.byChannel.telegram.lastSeenAt!.getTime());
    await expectCode(recordActivity(admin, "00000000-0000-4000-8000-000000000000", {}), "NOT_FOUND");
  });
});

describe("audit review and revert", () => {
  it("reverts a merge back to exactly what was there, once", async () => {
    const src = await person("Rev src", [{ inst: wa, uid: `r1-${uniq()}` }, { inst: tg, uid: `r2-${uniq()}` }], { primaryPhone: "+14155550199", primaryEmail: "rev@example.com" });
    const tgt = await person("Rev tgt", [{ inst: tg, uid: `r3-${uniq()}` }], { primaryEmail: "tgt@example.com" });
    await prisma.agentRoute.create({ data: { instanceId: wa, scope: "user", personId: src.id, agentId } });
    await prisma.agentRoute.create({ data: { instanceId: tg, scope: "user", personId: src.id, agentId } });
    await prisma.agentRoute.create({ data: { instanceId: tg, scope: "user", personId: tgt.id, agentId } });
    const [s0, t0] = [await state(src.id), await state(tgt.id)];
    const m = await mergePersons(admin, { sourceId: src.id, targetId: tgt.id, reason: "oops" });
    const r = await revertAuditEvent(admin, m.auditEventId, "Wrong match");
    expect(await state(src.id)).toEqual(s0);
    expect(await state(tgt.id)).toEqual(t0);
    const ev = await getAuditEvent(admin, r.auditEventId);
    expect(ev).toMatchObject({ action: "audit.revert", targetId: m.auditEventId, reason: "Wrong match" });
    expect((await getAuditEvent(admin, m.auditEventId)).revertible).toBe(false);
    const again = await expectCode(revertAuditEvent(admin, m.auditEventId), "CONFLICT");
    expect(again.message).toMatch(/already reverted/);
    await invariants();
  });

  it("refuses a revert when something since conflicts, naming the reason", async () => {
    const src = await person("C src", [{ inst: wa, uid: `c1-${uniq()}` }]);
    const tgt = await person("C tgt", [{ inst: tg, uid: `c2-${uniq()}` }]);
    const m = await mergePersons(admin, { sourceId: src.id, targetId: tgt.id });
    // One of the merged identities has been unlinked since.
    const moved = m.mergedIdentityIds[0];
    await unlinkIdentity(admin, moved, { reason: "split" });
    const e = await expectCode(revertAuditEvent(admin, m.auditEventId), "CONFLICT");
    expect(e.message).toMatch(/moved to another person/);
    expect((e.details?.reasons as string[]).length).toBeGreaterThan(0);
    const notRevertible = await prisma.auditEvent.findFirst({ where: { action: "person.create" } });
    await expectCode(revertAuditEvent(admin, notRevertible!.id), "CONFLICT");
    await expectCode(revertAuditEvent(admin, "00000000-0000-4000-8000-000000000000"), "NOT_FOUND");
    await expectCode(revertAuditEvent({ type: "apiKey", id: "x", name: "x", scopes: ["audit:read"], instanceIds: null }, m.auditEventId), "FORBIDDEN");
  });

  it("reverts an unlink and a link", async () => {
    const p = await person("Round trip", [{ inst: wa, uid: `t1-${uniq()}` }, { inst: tg, uid: `t2-${uniq()}` }]);
    const s0 = await state(p.id);
    const u = await unlinkIdentity(admin, p.identities[1].id, { reason: "test" });
    // a team lead reverts through audit:revert (no persons:write)
    const lead: Principal = { type: "session", id: "lead-1", name: "lead@example.com", scopes: scopesForRole("lead"), instanceIds: null, role: "lead" };
    await revertAuditEvent(lead, u.auditEventId);
    expect(await state(p.id)).toEqual(s0);
    expect(await prisma.person.findUnique({ where: { id: u.person.id } })).toBeNull();

    const other = await person("Other", [{ inst: wa, uid: `t3-${uniq()}` }]);
    const o0 = await state(other.id);
    const l = await linkIdentities(admin, { identityA: p.identities[0].id, identityB: other.identities[0].id });
    await revertAuditEvent(admin, l.auditEventId);
    expect(await state(other.id)).toEqual(o0);
    expect(await state(p.id)).toEqual(s0);
    await invariants();
  });

  it("lists with filters and exports CSV and NDJSON as streams", async () => {
    const p = await person(`Audit ${uniq()}`);
    await updatePerson(admin, p.id, { displayName: "Audited, \"quoted\"" });
    const all = await listAudit(admin, { limit: 200, format: "json", personId: p.id });
    expect(all.items.map((e) => e.action)).toEqual(["person.update", "person.create"]);
    expect((await listAudit(admin, { limit: 200, format: "json", personId: p.id, action: "person.update" })).items).toHaveLength(1);
    expect((await listAudit(admin, { limit: 200, format: "json", action: "person" })).items.every((e) => e.action.startsWith("person."))).toBe(true);
    expect((await listAudit(admin, { limit: 200, format: "json", personId: p.id, from: new Date(Date.now() + 60_000).toISOString() })).items).toHaveLength(0);
    const page = await listAudit(admin, { limit: 1, format: "json" });
    expect(page.nextCursor).toEqual(expect.any(String));
    const page2 = await listAudit(admin, { limit: 1, format: "json", cursor: page.nextCursor! });
    expect(page2.items[0].seq).toBe(page.items[0].seq - 1);

    const read = async (s: ReadableStream<Uint8Array>) => new Response(s).text();
    const csv = await read(auditExportStream(admin, { personId: p.id }, "csv"));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,seq,at,actorType/);
    expect(csv).toContain('"{""displayName"":""Audited, \\""quoted\\""""}"');
    const nd = (await read(auditExportStream(admin, {}, "ndjson"))).trim().split("\n").map((l) => JSON.parse(l));
    expect(nd.length).toBe(await prisma.auditEvent.count());
    expect(nd[0]).toHaveProperty("actor.label");
    await expect(async () => auditExportStream({ ...admin, scopes: ["persons:read"] }, {}, "csv")).rejects.toThrow(AppError);
  });

  it("keeps the hash chain intact, and detects an edited merge event", async () => {
    expect((await verifyAuditChain()).ok).toBe(true);
    const victim = await prisma.auditEvent.findFirst({ where: { action: "person.merge" } });
    await prisma.$executeRaw`UPDATE "AuditEvent" SET "reason" = 'nothing to see' WHERE "id" = ${victim!.id}`;
    const broken = await verifyAuditChain();
    expect(broken).toMatchObject({ ok: false, brokenAt: { id: victim!.id, problem: "content does not match its hash" } });
    await prisma.$executeRaw`UPDATE "AuditEvent" SET "reason" = ${victim!.reason} WHERE "id" = ${victim!.id}`;
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
