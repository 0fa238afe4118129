// Cache invalidations follow the write that causes them (issue 14): an audited write announces its
// changes with its audit event; they are heard once the write commits (never for a rolled-back
// write, never before the commit), here at once and in other processes through one NOTIFY that
// gathers the changes of concurrent writes, sent after commit (change-bus.ts: a NOTIFY inside the
// write would hold PostgreSQL's notify lock, which every notifying commit waits for, through the
// write's WAL flush).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { dbProvider } from "@/lib/db";
import { databaseUrl } from "@/lib/db/url";
import { systemPrincipal } from "@/lib/auth/principal";
import { auditedTransaction } from "@/lib/db/audited-transaction";
import { writeAudit } from "@/lib/audit/write-audit";
import { CHANGE_CHANNEL, changePayloads, decodeChange, flushChangeBus, MAX_PAYLOAD, publishChange } from "@/lib/events/change-bus";
import { onChange, type ChangeEvent } from "@/lib/events/changes";
import { createPerson } from "@/lib/persons/create-person";
import { updatePerson } from "@/lib/persons/update-person";

const admin = systemPrincipal("test");

/** What this process's listeners hear, and (PostgreSQL) what another process would hear. */
const heardHere: ChangeEvent[] = [];
const heardElsewhere: ChangeEvent[] = [];
/** The NOTIFY payloads another process received. */
const notifications: string[] = [];
let listener: pg.Client | null = null;
let stop: () => void = () => {};

beforeAll(async () => {
  stop = onChange((e) => heardHere.push(e));
  if (dbProvider !== "postgresql") return;
  listener = new pg.Client({ connectionString: databaseUrl() });
  await listener.connect();
  listener.on("notification", (n) => {
    const m = n.channel === CHANGE_CHANNEL && n.payload ? decodeChange(n.payload) : null;
    if (m) heardElsewhere.push(...m.events);
    if (m) notifications.push(n.payload!);
  });
  await listener.query(`LISTEN ${CHANGE_CHANNEL}`);
});

afterAll(async () => {
  stop();
  await listener?.end();
});

const about = (id: string) => (e: ChangeEvent) => "id" in e && e.id === id;
const settle = () => new Promise((r) => setTimeout(r, 300));

describe("changes announced with the audit event", () => {
  it("are heard after the write commits, here and in other processes", async () => {
    const p = await createPerson(admin, { displayName: "Announce me", identities: [] });
    await settle();
    heardHere.length = heardElsewhere.length = 0;
    await updatePerson(admin, p.id, { displayName: "Announced" });
    await settle();
    expect(heardHere.filter(about(p.id))).toEqual([{ kind: "person", id: p.id }]);
    if (dbProvider === "postgresql") expect(heardElsewhere.filter(about(p.id))).toEqual([{ kind: "person", id: p.id }]);
  });

  it("are never heard for a write that rolls back, and not before the commit", async () => {
    const p = await createPerson(admin, { displayName: "Rolled back", identities: [] });
    await settle();
    heardHere.length = heardElsewhere.length = 0;
    const failed = auditedTransaction(async (tx) => {
      await writeAudit(tx, admin, { action: "person.update", targetType: "person", targetId: p.id, before: {}, after: {}, changes: [{ kind: "person", id: p.id }] });
      expect(heardHere.filter(about(p.id))).toEqual([]); // not before the commit
      throw new Error("the write fails after its audit event");
    });
    await expect(failed).rejects.toThrow("the write fails");
    await settle();
    expect(heardHere.filter(about(p.id))).toEqual([]);
    expect(heardElsewhere.filter(about(p.id))).toEqual([]);
  });

  it("need a transaction of auditedTransaction (else nothing would deliver them)", async () => {
    const { prisma } = await import("@/lib/db");
    const p = await createPerson(admin, { displayName: "Unmanaged", identities: [] });
    await expect(prisma.$transaction((tx) => writeAudit(tx, admin, { action: "person.update", targetType: "person", targetId: p.id, changes: [{ kind: "person", id: p.id }] })))
      .rejects.toThrow(/auditedTransaction/);
  });
});

describe("publishing to the other processes", () => {
  it("splits many changes into payloads PostgreSQL accepts, in order; an event too large alone drops every cache", () => {
    const events = Array.from({ length: 400 }, (_, i) => ({ kind: "person", id: `p-${i}-${"x".repeat(30)}` }) as ChangeEvent);
    const payloads = changePayloads("origin", events);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(MAX_PAYLOAD);
    expect(payloads.flatMap((p) => decodeChange(p)!.events)).toEqual(events);
    const huge = { kind: "person", id: "y".repeat(MAX_PAYLOAD) } as ChangeEvent;
    expect(changePayloads("origin", [events[0], huge]).flatMap((p) => decodeChange(p)!.events)).toEqual([events[0], { kind: "all" }]);
  });

  it.runIf(dbProvider === "postgresql")("changes published together go out in one NOTIFY; flushChangeBus waits until they are in PostgreSQL", async () => {
    await settle();
    heardElsewhere.length = notifications.length = 0;
    const events = Array.from({ length: 10 }, (_, i) => ({ kind: "person", id: `together-${i}` }) as ChangeEvent);
    for (const e of events) publishChange(e);
    await flushChangeBus();
    await settle();
    expect(heardElsewhere).toEqual(events);
    expect(notifications).toHaveLength(1);
  });

  it.runIf(dbProvider === "postgresql")("concurrent writes' changes are all heard elsewhere, in fewer NOTIFYs than writes", async () => {
    const persons = await Promise.all(Array.from({ length: 12 }, (_, i) => createPerson(admin, { displayName: `Gathered ${i}`, identities: [] })));
    await settle();
    heardElsewhere.length = notifications.length = 0;
    await Promise.all(persons.map((p) => updatePerson(admin, p.id, { displayName: `${p.displayName} edited` })));
    await flushChangeBus();
    await settle();
    for (const p of persons) expect(heardElsewhere.filter(about(p.id))).toEqual([{ kind: "person", id: p.id }]);
    expect(notifications.length).toBeLessThan(persons.length);
  });
});
