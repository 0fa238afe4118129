// The audit sealer (lib/audit/seal-chain.ts): writes leave their events unsealed; sealPending links
// committed events into the chain in a gap-free order, never past a transaction still open
// (PostgreSQL horizon); audit-verify reports the seal state and detects a removed tail through a
// signed checkpoint.
import { afterAll, describe, expect, it } from "vitest";
import { prisma, dbProvider } from "@/lib/db";
import { systemPrincipal } from "@/lib/auth/principal";
import { createPerson } from "@/lib/persons/create-person";
import { writeAudit } from "@/lib/audit/write-audit";
import { sealPending, chainHead } from "@/lib/audit/seal-chain";
import { verifyAuditChain, describeVerification } from "@/lib/audit/verify-chain";
import { writeCheckpoint, checkpointSignatureValid } from "@/lib/audit/checkpoints";
import { getAuditEvent } from "@/lib/audit/read-audit";
import { sealAll } from "../support/seal-all";

const admin = systemPrincipal("sealer-test");
const tag = Date.now().toString(36);

afterAll(() => {
  delete process.env.OMNI_AUDIT_CHECKPOINT_KEY;
});

describe("audit sealer", () => {
  it("writes unsealed events (hash and prevHash null, sealed false) and seals them in order", async () => {
    await sealPending();
    const before = await chainHead();
    const a = await createPerson(admin, { displayName: `Seal A ${tag}`, identities: [] });
    const b = await createPerson(admin, { displayName: `Seal B ${tag}`, identities: [] });
    const events = await prisma.auditEvent.findMany({ where: { targetId: { in: [a.id, b.id] } }, orderBy: { seq: "asc" } });
    expect(events).toHaveLength(2);
    for (const e of events) expect(e).toMatchObject({ hash: null, prevHash: null, chainSeq: null, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await getAuditEvent(admin, events[0].id)).toMatchObject({ sealed: false, hash: null, prevHash: null });
    if (dbProvider === "postgresql") expect(events.every((e) => /^\d{20}$/.test(e.txid ?? ""))).toBe(true);

    await sealAll();
    const r = { head: await chainHead() };
    const sealed = await prisma.auditEvent.findMany({ where: { id: { in: events.map((e) => e.id) } }, orderBy: { chainSeq: "asc" } });
    expect(sealed.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(sealed[0].chainSeq).toBeGreaterThan(before?.chainSeq ?? 0);
    expect(sealed[1].chainSeq).toBe(sealed[0].chainSeq! + 1);
    expect(sealed[1].prevHash).toBe(sealed[0].hash);
    expect(await getAuditEvent(admin, events[1].id)).toMatchObject({ sealed: true, hash: sealed[1].hash, prevHash: sealed[0].hash });
    const v = await verifyAuditChain();
    expect(v).toMatchObject({ ok: true, unsealed: { count: 0, oldestAgeMs: null } });
    expect(v.sealedThrough).toBe(r.head!.chainSeq);
    expect(describeVerification(v)).toMatch(/^Audit chain sealed through \d+; 0 unsealed; 0 checkpoint\(s\)\. Intact\.$/);
  });

  it("reports unsealed events with their age, and detects an edited unsealed event", async () => {
    const c = await createPerson(admin, { displayName: `Seal C ${tag}`, identities: [] });
    const v = await verifyAuditChain();
    expect(v.ok).toBe(true);
    expect(v.unsealed.count).toBe(1);
    expect(describeVerification(v)).toMatch(/1 unsealed, all younger than \d+ s/);
    const e = await prisma.auditEvent.findFirstOrThrow({ where: { targetId: c.id } });
    await prisma.auditEvent.update({ where: { id: e.id }, data: { reason: "edited before sealing" } });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: { id: e.id, problem: "content does not match its hash" } });
    await prisma.auditEvent.update({ where: { id: e.id }, data: { reason: e.reason } });
    await sealAll();
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("detects a removed tail through a signed checkpoint, and a forged checkpoint", async () => {
    process.env.OMNI_AUDIT_CHECKPOINT_KEY = "test-checkpoint-key";
    await createPerson(admin, { displayName: `Seal D ${tag}`, identities: [] });
    await sealAll();
    const head = await chainHead();
    const cp = await writeCheckpoint(head!, { ...process.env, OMNI_AUDIT_CHECKPOINT_FILE: "off" });
    expect(checkpointSignatureValid(cp, "test-checkpoint-key")).toBe(true);
    expect((await verifyAuditChain(1000, [cp])).ok).toBe(true);

    // Remove the newest event: the chain that is left still links up, only the checkpoint knows.
    const last = await prisma.auditEvent.findFirstOrThrow({ where: { chainSeq: head!.chainSeq }, include: { subjects: { include: { instances: true } } } });
    await prisma.auditEvent.delete({ where: { id: last.id } });
    try {
      const v = await verifyAuditChain(1000, [cp]);
      expect(v.ok).toBe(false);
      expect(v.brokenAt).toBeNull();
      expect(v.checkpoints.problem).toMatch(/events removed: .* position \d+, it now ends at \d+/);
      expect(describeVerification(v)).toMatch(/^Audit chain BROKEN: events removed/);
    } finally {
      const { subjects, ...row } = last;
      await prisma.auditEvent.create({
        data: {
          ...row, before: row.before ?? undefined, after: row.after ?? undefined,
          subjects: { create: subjects.map((s) => ({ subjectId: s.subjectId, subjectType: s.subjectType, instances: { create: s.instances.map((i) => ({ instanceId: i.instanceId })) } })) },
        },
      });
    }
    expect((await verifyAuditChain(1000, [cp])).ok).toBe(true);
    // A checkpoint not signed with the key proves nothing.
    expect(await verifyAuditChain(1000, [{ ...cp, sig: "00".repeat(32) }])).toMatchObject({ ok: false, checkpoints: { problem: expect.stringMatching(/no valid signature/) } });
    // The signature covers the head: a moved head with the old signature is refused too.
    expect((await verifyAuditChain(1000, [{ ...cp, chainSeq: cp.chainSeq - 1 }])).ok).toBe(false);
  });

  it.skipIf(dbProvider !== "postgresql")("never seals past a transaction still open (horizon), then seals both in transaction order", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let wrote!: () => void;
    const written = new Promise<void>((r) => (wrote = r));
    const open = prisma.$transaction(async (tx) => {
      const e = await writeAudit(tx, admin, { action: "person.update", targetType: "person", targetId: null, reason: `open ${tag}` });
      wrote();
      await gate;
      return e;
    }, { timeout: 20_000 });
    await written;
    const later = await createPerson(admin, { displayName: `Seal later ${tag}`, identities: [] });
    await sealPending();
    const laterEvent = await prisma.auditEvent.findFirstOrThrow({ where: { targetId: later.id } });
    expect(laterEvent.hash).toBeNull(); // committed, but after an older transaction that is still open
    release();
    const openEvent = await open;
    await sealAll();
    const [o, l] = await Promise.all([openEvent.id, laterEvent.id].map((id) => prisma.auditEvent.findUniqueOrThrow({ where: { id } })));
    expect(o.chainSeq).not.toBeNull();
    expect(l.chainSeq).toBe(o.chainSeq! + 1); // transaction order: the open one began first
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
