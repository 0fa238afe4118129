// Cache invalidations travel with the write that causes them (issue 14): an audited write
// announces its changes with its audit event — on PostgreSQL by a pg_notify in the statement that
// stores the event — so they are heard exactly when the write commits: never for a rolled-back
// write, never before the commit, and in other processes without a round trip of their own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { dbProvider } from "@/lib/db";
import { databaseUrl } from "@/lib/db/url";
import { systemPrincipal } from "@/lib/auth/principal";
import { auditedTransaction } from "@/lib/db/audited-transaction";
import { writeAudit } from "@/lib/audit/write-audit";
import { CHANGE_CHANNEL, decodeChange } from "@/lib/events/change-bus";
import { onChange, type ChangeEvent } from "@/lib/events/changes";
import { createPerson } from "@/lib/persons/create-person";
import { updatePerson } from "@/lib/persons/update-person";

const admin = systemPrincipal("test");

/** What this process's listeners hear, and (PostgreSQL) what another process would hear. */
const heardHere: ChangeEvent[] = [];
const heardElsewhere: ChangeEvent[] = [];
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
