// Audit trails written before crypto-shredding hold personal fields in plain text: the one-time
// upgrade seals them and re-hashes the chain, after which the chain verifies, the stored bytes
// hold no plain name, reads show the original values, and an erasure reaches those old events too.
import { describe, expect, it } from "vitest";
import { dbProvider, prisma } from "@/lib/db";
import { systemPrincipal } from "@/lib/auth/principal";
import { legacyAuditHash } from "@/lib/audit/rules/hash";
import { chainHead } from "@/lib/audit/seal-chain";
import { sealAll } from "../support/seal-all";
import { createInstance } from "@/lib/catalog/instances";
import { createPerson } from "@/lib/persons/create-person";
import { erasePerson } from "@/lib/privacy/erase-person";
import { getAuditEvent } from "@/lib/audit/read-audit";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { sealLegacyAuditEvents } from "@/lib/privacy/seal-legacy-events";
import { databaseContains } from "../support/database-contains";

const admin = systemPrincipal("test");

/** The next audit seq as writeAudit takes it (PostgreSQL: its sequence; SQLite: MAX + 1). */
async function nextSeq(): Promise<number> {
  if (dbProvider === "postgresql") {
    const [r] = await prisma.$queryRawUnsafe<{ seq: number }[]>(`SELECT nextval('"AuditEvent_seq_counter"')::int AS seq`);
    return Number(r.seq);
  }
  const last = await prisma.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  return (last?.seq ?? 0) + 1;
}

/**
 * An event as writeAudit wrote it before crypto-shredding (and before the sealer): plain
 * snapshots, linked to the chain's head with the one-step legacy hash at the next chain position.
 */
async function legacyEvent(action: string, targetId: string, before: unknown, after: unknown) {
  await sealAll();
  const head = await chainHead();
  const fields = {
    seq: await nextSeq(), at: new Date(Date.now() - 3 * 86_400_000), actorType: "system", actorId: "system", actorLabel: "legacy",
    action, targetType: "person", targetId, reason: null, before, after, requestId: null, ip: null, userAgent: null, prevHash: head?.hash ?? null,
  };
  return prisma.auditEvent.create({
    data: {
      ...fields, before: (before ?? undefined) as never, after: (after ?? undefined) as never,
      hash: legacyAuditHash(fields), chainSeq: (head?.chainSeq ?? 0) + 1,
      subjects: { create: [{ subjectId: targetId, subjectType: "person" }] },
    },
  });
}

describe("sealing legacy audit events", () => {
  it("seals plain personal fields once, re-hashes the chain, and lets an erasure reach them", async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const inst = (await createInstance(admin, { name: `legacy-${tag}`, channel: "sms" })).id;
    const p = await createPerson(admin, { displayName: `Lena Legacy${tag}`, identities: [{ instanceId: inst, platformUserId: `+4930${tag}` }] });
    const oldName = `Lena Oldname${tag}`;
    const ev = await legacyEvent("person.update", p.id, { displayName: oldName, primaryEmail: `lena.${tag}@old.example` }, { displayName: `Lena Legacy${tag}`, primaryEmail: null });
    // written after the legacy one: the chain after it must be re-hashed too
    await createPerson(admin, { displayName: `After Legacy${tag}` });
    await sealAll();
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    expect(await databaseContains(oldName)).toBe(true);

    const r = await sealLegacyAuditEvents();
    expect(r.sealedEvents).toBeGreaterThanOrEqual(1);
    expect(r.rehashedEvents).toBeGreaterThanOrEqual(2);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    expect(await databaseContains(oldName)).toBe(false);
    expect((await getAuditEvent(admin, ev.id)).before).toEqual({ displayName: oldName, primaryEmail: `lena.${tag}@old.example` });
    expect(await sealLegacyAuditEvents()).toEqual({ sealedEvents: 0, rehashedEvents: 0 });

    await erasePerson(admin, p.id, { reason: "request" });
    expect((await getAuditEvent(admin, ev.id)).before).toEqual({ displayName: "[erased]", primaryEmail: "[erased]" });
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
