// The audit_subject_instances migration backfills the kind and instances of the subjects of events
// written before it. Run again over events written now (in a transaction rolled back afterwards),
// it must give what writeAudit records at write time — for records that still exist and for ones
// deleted since (a merged-away person, a deleted route, key or instance). What it cannot know is
// a past state of a record that still exists: it reads the rows as they are (see p4 below).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dbProvider, prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { systemPrincipal } from "@/lib/auth/principal";
import { createInstance, deleteInstance } from "@/lib/catalog/instances";
import { createAgent } from "@/lib/catalog/agents";
import { createChat } from "@/lib/catalog/chats";
import { createPerson } from "@/lib/persons/create-person";
import { updatePerson } from "@/lib/persons/update-person";
import { mergePersons } from "@/lib/persons/merge-persons";
import { unlinkIdentity } from "@/lib/persons/unlink-identity";
import { createRoute } from "@/lib/routes/create-route";
import { deleteRoute } from "@/lib/routes/delete-route";
import { createApiKey } from "@/lib/keys/create-key";
import { deleteApiKey } from "@/lib/keys/delete-key";
import { updateApiKey } from "@/lib/keys/update-key";

const admin = systemPrincipal("backfill-test");
const uniq = () => Math.random().toString(36).slice(2, 8);

/** The backfill statements of the migration for this database (after its "-- Backfill" line). */
function backfillStatements(): string[] {
  const dir = dbProvider === "postgresql" ? "prisma/migrations-postgresql" : "prisma/migrations";
  const name = fs.readdirSync(dir).find((d) => d.endsWith("_audit_subject_instances"));
  expect(name, "the migration exists").toBeTruthy();
  const text = fs.readFileSync(path.join(dir, name!, "migration.sql"), "utf8");
  const backfill = text.slice(text.indexOf("-- Backfill"));
  return backfill
    .split(/;\s*$/m)
    .map((s) => s.split("\n").filter((l) => !l.trim().startsWith("--")).join("\n").trim())
    .filter(Boolean);
}

/** Each subject of these events as "eventId subjectId type instance,instance" (sorted). */
async function recorded(db: Prisma.TransactionClient | typeof prisma, eventIds: string[]) {
  const rows = await db.auditSubject.findMany({
    where: { eventId: { in: eventIds } },
    select: { eventId: true, subjectId: true, subjectType: true, instances: { select: { instanceId: true } } },
  });
  return rows.map((r) => `${r.eventId} ${r.subjectId} ${r.subjectType} ${r.instances.map((i) => i.instanceId).sort().join(",")}`).sort();
}

class Rollback extends Error {}

describe("audit subject backfill", () => {
  it("reproduces what events record at write time, including subjects deleted since", async () => {
    const fromSeq = (await prisma.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0;
    const A = (await createInstance(admin, { name: `bf-a-${uniq()}`, channel: "whatsapp" })).id;
    const B = (await createInstance(admin, { name: `bf-b-${uniq()}`, channel: "telegram" })).id;
    const gone = (await createInstance(admin, { name: `bf-c-${uniq()}`, channel: "sms" })).id;
    await deleteInstance(admin, gone);
    const agentId = (await createAgent(admin, { name: `bf-${uniq()}`, provider: "openai" })).id;
    const identity = (instanceId: string) => ({ instanceId, platformUserId: `u-${uniq()}` });
    const p1 = await createPerson(admin, { displayName: "p1", identities: [identity(A)] });
    const p3 = await createPerson(admin, { displayName: "p3", identities: [identity(A)] });
    await mergePersons(admin, { sourceId: p3.id, targetId: p1.id });
    await updatePerson(admin, p1.id, { displayName: "p1 renamed" });
    const p4 = await createPerson(admin, { displayName: "p4", identities: [identity(A), identity(B)] });
    await unlinkIdentity(admin, p4.identities.find((i) => i.instanceId === B)!.id, {});
    const chat = await createChat(admin, { instanceId: A, externalId: `c-${uniq()}`, type: "dm" });
    await createRoute(admin, { instanceId: A, scope: "chat", chatId: chat.id, agentId, priority: 1 } as never);
    const doomed = await createRoute(admin, { instanceId: A, scope: "user", personId: p1.id, agentId, priority: 0 } as never);
    await deleteRoute(admin, doomed.id);
    const k1 = await createApiKey(admin, { name: "bf-a", scopes: ["routes:read"], instanceIds: [A] });
    await deleteApiKey(admin, k1.id);
    await createApiKey(admin, { name: "bf-ab", scopes: ["routes:read"], instanceIds: [A, B] });
    const every = await createApiKey(admin, { name: "bf-all", scopes: ["routes:read"] });
    await updateApiKey(admin, every.id, { description: "unrestricted" });

    const events = await prisma.auditEvent.findMany({ where: { seq: { gt: fromSeq } }, select: { id: true } });
    const ids = events.map((e) => e.id);
    expect(ids.length).toBeGreaterThanOrEqual(18);
    const atWriteTime = await recorded(prisma, ids);
    expect(atWriteTime.filter((r) => r.includes(` ${gone} `))).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`${gone} instance ${gone}$`))]),
    );

    let backfilled: string[] = [];
    await prisma
      .$transaction(async (tx) => {
        await tx.auditSubjectInstance.deleteMany({});
        await tx.auditSubject.updateMany({ data: { subjectType: "" } });
        for (const statement of backfillStatements()) await tx.$executeRawUnsafe(statement);
        backfilled = await recorded(tx, ids);
        throw new Rollback();
      }, { timeout: 60_000 })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
    // p4 had identities on A and B when created; the backfill sees it as it is now, on A only
    const p4Created = (await prisma.auditEvent.findFirstOrThrow({ where: { action: "person.create", targetId: p4.id } })).id;
    const p4Line = `${p4Created} ${p4.id} person `;
    expect(atWriteTime).toContain(`${p4Line}${[A, B].sort().join(",")}`);
    expect(backfilled).toEqual(atWriteTime.map((l) => (l.startsWith(p4Line) ? `${p4Line}${A}` : l)).sort());
    expect(await recorded(prisma, ids)).toEqual(atWriteTime); // rolled back
  });
});
