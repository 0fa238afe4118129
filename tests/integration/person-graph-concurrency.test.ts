// 100 concurrent merges, links, unlinks and erasures over overlapping persons (on PostgreSQL these
// really run side by side in separate transactions): afterwards every identity belongs to exactly
// one existing person, no identity was lost or duplicated (only the erased ones are gone, with
// every data key of theirs), the audit chain verifies, and every operation that succeeded wrote
// exactly one audit event (and every one that failed, none).
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemPrincipal } from "@/lib/auth/principal";
import { createInstance } from "@/lib/catalog/instances";
import { createPerson } from "@/lib/persons/create-person";
import { mergePersons } from "@/lib/persons/merge-persons";
import { linkIdentities } from "@/lib/persons/link-identities";
import { unlinkIdentity } from "@/lib/persons/unlink-identity";
import { erasePerson } from "@/lib/privacy/erase-person";
import { verifyAuditChain } from "@/lib/audit/verify-chain";

const admin = systemPrincipal("concurrency");
const uniq = () => Math.random().toString(36).slice(2, 8);

describe("person graph under concurrency", () => {
  it("keeps every invariant through 100 racing merges, links, unlinks and erasures", async () => {
    const tag = uniq();
    const inst = await createInstance(admin, { name: `race-${tag}`, channel: "whatsapp" });
    const persons: string[] = [];
    for (let i = 0; i < 20; i++) {
      const p = await createPerson(admin, {
        displayName: `Racer ${tag} ${i}`,
        identities: [0, 1, 2].map((k) => ({ instanceId: inst.id, platformUserId: `${tag}-${i}-${k}` })),
      });
      persons.push(p.id);
    }
    // Persons that only an erasure touches: however the races go, some erasures succeed (the random
    // ones may all find their person merged away first).
    const spares: string[] = [];
    for (let i = 0; i < 5; i++) {
      spares.push((await createPerson(admin, { displayName: `Spare ${tag} ${i}`, identities: [{ instanceId: inst.id, platformUserId: `${tag}-spare-${i}` }] })).id);
    }
    const identityIds = (await prisma.platformIdentity.findMany({ where: { instanceId: inst.id, personId: { in: persons } }, select: { id: true } })).map((i) => i.id);
    expect(identityIds).toHaveLength(60);
    const spareIdentityIds = (await prisma.platformIdentity.findMany({ where: { personId: { in: spares } }, select: { id: true } })).map((i) => i.id);
    const eventsBefore = await prisma.auditEvent.count();

    // Deterministic pseudo-random choices over a small, overlapping set.
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const ops = Array.from({ length: 100 }, (_, i) => {
      if (i % 10 === 9) return () => erasePerson(admin, i % 20 === 19 ? spares[(i - 19) / 20] : persons[rnd(20)], { reason: `race ${i}` });
      const kind = i % 3;
      if (kind === 0) return () => mergePersons(admin, { sourceId: persons[rnd(20)], targetId: persons[rnd(20)], reason: `race ${i}` });
      if (kind === 1) return () => linkIdentities(admin, { identityA: identityIds[rnd(60)], identityB: identityIds[rnd(60)], reason: `race ${i}` });
      return () => unlinkIdentity(admin, identityIds[rnd(60)], { reason: `race ${i}` });
    });
    const results = await Promise.allSettled(ops.map((op) => op()));
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    // Failures are refusals (409 into itself / already linked, 404 for a person merged away), never crashes.
    for (const e of failures) expect(["CONFLICT", "NOT_FOUND"], String(e?.stack ?? e)).toContain(e?.code);
    expect(ok).toBeGreaterThan(10);

    const erased = results.flatMap((r) => (r.status === "fulfilled" && r.value && "deleted" in r.value ? [r.value] : []));
    expect(erased.length).toBeGreaterThan(0);
    const erasedIdentities = new Set(erased.flatMap((e) => e.identityIds));
    const ids = await prisma.platformIdentity.findMany({ where: { instanceId: inst.id }, select: { id: true, personId: true } });
    expect(ids.map((i) => i.id).sort()).toEqual([...identityIds, ...spareIdentityIds].filter((id) => !erasedIdentities.has(id)).sort()); // none lost but the erased, none added
    const erasedSubjects = [...erasedIdentities, ...erased.flatMap((e) => [e.id, ...e.absorbedPersonIds])];
    expect(await prisma.personDataKey.count({ where: { subjectId: { in: erasedSubjects } } })).toBe(0);
    const owners = await prisma.person.findMany({ where: { id: { in: [...new Set(ids.map((i) => i.personId))] } }, select: { id: true } });
    expect(owners).toHaveLength(new Set(ids.map((i) => i.personId)).size); // every owner exists
    expect(await prisma.auditEvent.count()).toBe(eventsBefore + ok); // one event per success
    expect((await verifyAuditChain()).ok).toBe(true);
  }, 120_000);
});
