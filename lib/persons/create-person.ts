// Create a person, with identities on instances (how the hub adds contacts), audited person.create.
import "server-only";
import { randomUUID } from "node:crypto";
import { auditedTransaction, optimisticWrite } from "../db/audited-transaction";
import { dbProvider, prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { conflict, forbidden, notFound } from "../errors";
import { requireInstance, requireScope, type Principal } from "../auth/principal";
import type { PersonCreate } from "./schemas";
import { auditInStatement, nextAuditSeqSql, writeAudit } from "../audit/write-audit";
import { findPerson, personSnapshot, visibleView, type IdentityRow } from "./person-records";
import { knownDayKeys, newDayKeyRow, utcDay } from "../privacy/data-keys";

const toJson = (v: unknown) => (v === null || v === undefined ? undefined : (v as Prisma.InputJsonValue));

/**
 * Creates a person (`persons:write`). A restricted key must give an identity on its instances
 * (403); an identity already on a person is a 409 (details: identityId, personId); an unknown
 * instance a 404. Returns the person as findPerson shows it. PostgreSQL: 2 statements, no transaction:
 * the instances with the event's seq, then one statement for everything (createOnPostgres).
 */
export async function createPerson(p: Principal, input: PersonCreate) {
  requireScope(p, "persons:write");
  const identities = input.identities ?? [];
  if (p.instanceIds !== null && !identities.length) {
    throw forbidden("An instance-restricted API key can only create persons with an identity on its instances.");
  }
  const keys = new Set<string>();
  for (const i of identities) {
    requireInstance(p, i.instanceId);
    const k = `${i.instanceId}\u0000${i.platformUserId}`;
    if (keys.has(k)) throw conflict("The same identity is listed twice.", { platformUserId: i.platformUserId });
    keys.add(k);
  }
  if (dbProvider === "postgresql") {
    const { instances, seq } = await readInstancesAndSeq(identities.map((i) => i.instanceId));
    for (const i of identities) if (!instances.has(i.instanceId)) throw notFound("Instance");
    try {
      // a deadlock on the identities' unique index (two creates of the same identities in another
      // order) is tried again, and then finds the identity taken
      return await optimisticWrite(() => createOnPostgres(p, input, identities.map((i) => ({ ...i, instance: instances.get(i.instanceId)! })), seq));
    } catch (e) {
      // a unique violation: an identity was already on a person (or was put on one meanwhile)
      throw (await identityTaken(identities)) ?? e;
    }
  }
  const instances = await prisma.instance.findMany({ where: { id: { in: identities.map((i) => i.instanceId) } }, select: { id: true, channel: true } });
  const channelOf = new Map(instances.map((i) => [i.id, i.channel]));
  for (const i of identities) if (!channelOf.has(i.instanceId)) throw notFound("Instance");
  const row = await auditedTransaction(async (tx) => {
    for (const i of identities) {
      const dup = await tx.platformIdentity.findFirst({
        where: { instanceId: i.instanceId, platformUserId: i.platformUserId },
        select: { id: true, personId: true },
      });
      if (dup) throw conflict("This identity already belongs to a person.", { identityId: dup.id, personId: dup.personId });
    }
    const person = await tx.person.create({
      data: {
        displayName: input.displayName ?? null,
        primaryPhone: input.primaryPhone ?? null,
        primaryEmail: input.primaryEmail ?? null,
        avatarUrl: input.avatarUrl ?? null,
        metadata: toJson(input.metadata),
        identities: {
          create: identities.map((i) => ({
            instanceId: i.instanceId,
            channel: channelOf.get(i.instanceId)!,
            platformUserId: i.platformUserId,
            platformUsername: i.platformUsername ?? null,
          })),
        },
      },
      select: { id: true },
    });
    const after = await personSnapshot(tx, person.id);
    await writeAudit(tx, p, { action: "person.create", targetType: "person", targetId: person.id, after, changes: [{ kind: "person", id: person.id }] });
    return person;
  });
  return findPerson(p, row.id);
}


/** 409 naming the person that already holds one of these identities, or null when none does. */
async function identityTaken(identities: NonNullable<PersonCreate["identities"]>) {
  if (!identities.length) return null;
  const dup = await prisma.platformIdentity.findFirst({
    where: { OR: identities.map((i) => ({ instanceId: i.instanceId, platformUserId: i.platformUserId })) },
    select: { id: true, personId: true },
  });
  return dup ? conflict("This identity already belongs to a person.", { identityId: dup.id, personId: dup.personId }) : null;
}

type IdentityInput = NonNullable<PersonCreate["identities"]>[number] & { instance: { id: string; name: string; channel: string } };

/**
 * PostgreSQL: the instances `ids` that exist (Map id → { id, name, channel }) and a new audit seq
 * (write-audit.ts auditSeqCte's sequence), in one statement.
 */
async function readInstancesAndSeq(ids: string[]): Promise<{ instances: Map<string, { id: string; name: string; channel: string }>; seq: number }> {
  const rows = await prisma.$queryRaw<{ seq: number; id: string | null; name: string | null; channel: string | null }[]>(Prisma.sql`WITH s AS (SELECT ${nextAuditSeqSql} AS seq)
    SELECT s.seq, i."id", i."name", i."channel" FROM s LEFT JOIN "Instance" i ON i."id" = ANY(${[...new Set(ids)]}::text[])`);
  const instances = new Map(rows.filter((r) => r.id).map((r) => [r.id!, { id: r.id!, name: r.name!, channel: r.channel! }]));
  return { instances, seq: Number(rows[0].seq) };
}

/**
 * The PostgreSQL path: one statement, no interactive transaction (a statement is atomic). Ids,
 * timestamps and the new subjects' data keys are made here; data-modifying CTEs insert the person,
 * its identities and their keys, and store the audit event (taking `seq`, read with the
 * instances), its subjects and outbox row (write-audit.ts auditInStatement; the change is published after);
 * foreign keys and the search triggers run at its end. The audit snapshot and the answer are built
 * from what was inserted, not read back. An identity already on a person fails the unique index
 * (the caller reports it).
 */
async function createOnPostgres(p: Principal, input: PersonCreate, identities: IdentityInput[], seq: number) {
  const now = new Date();
  const day = utcDay(now);
  const id = randomUUID();
  const person = {
    id, displayName: input.displayName ?? null, primaryPhone: input.primaryPhone ?? null, primaryEmail: input.primaryEmail ?? null,
    avatarUrl: input.avatarUrl ?? null, metadata: (input.metadata ?? null) as Prisma.JsonValue, createdAt: now, updatedAt: now,
  };
  const rows: IdentityRow[] = identities.map((i) => ({
    id: randomUUID(), personId: id, instanceId: i.instanceId, channel: i.instance.channel, platformUserId: i.platformUserId,
    platformUsername: i.platformUsername ?? null, profilePicUrl: null, messageCount: 0, firstSeenAt: null, lastSeenAt: null,
    linkedBy: null, linkReason: null, createdAt: now, updatedAt: now, instance: i.instance,
  }));
  const keys = [id, ...rows.map((r) => r.id)].map((subject) => newDayKeyRow(subject, day));
  const col = <T, V>(xs: T[], f: (x: T) => V) => xs.map(f);
  const after = { ...person, identities: rows.map(({ instance: _i, ...r }) => (void _i, r)), routes: [] };
  const audit = auditInStatement(p, { action: "person.create", targetType: "person", targetId: id, after, changes: [{ kind: "person", id }] },
    seq, now, [{ id, type: "person", instanceIds: rows.map((i) => i.instanceId) }], knownDayKeys(keys)); // subjects as inserted: no lookup
  if (!audit) throw new Error("A new person's data key is missing.");
  const ctes = [Prisma.sql`k AS (INSERT INTO "PersonDataKey" ("id", "subjectId", "day", "material")
      SELECT * FROM unnest(${col(keys, (k) => k.id)}::text[], ${col(keys, (k) => k.subjectId)}::text[], ${col(keys, (k) => k.day)}::text[], ${col(keys, (k) => k.material)}::text[]))`];
  if (rows.length) {
    ctes.push(Prisma.sql`i AS (INSERT INTO "PlatformIdentity" ("id", "personId", "instanceId", "channel", "platformUserId", "platformUsername", "createdAt", "updatedAt")
        SELECT v.id, ${id}, v.instance_id, v.channel, v.user_id, v.username, ${now}, ${now}
          FROM unnest(${col(rows, (r) => r.id)}::text[], ${col(rows, (r) => r.instanceId)}::text[], ${col(rows, (r) => r.channel)}::text[],
                      ${col(rows, (r) => r.platformUserId)}::text[], ${col(rows, (r) => r.platformUsername)}::text[])
            AS v(id, instance_id, channel, user_id, username))`);
  }
  await prisma.$queryRaw(audit.statement(Prisma.sql`INSERT INTO "Person" ("id", "displayName", "primaryPhone", "primaryEmail", "avatarUrl", "metadata", "createdAt", "updatedAt")
      VALUES (${id}, ${person.displayName}, ${person.primaryPhone}, ${person.primaryEmail}, ${person.avatarUrl},
        ${person.metadata === null ? null : JSON.stringify(person.metadata)}::jsonb, ${now}, ${now}) RETURNING "id"`, ctes));
  audit.committed();
  // as findPerson shows it: identities by channel, then creation (here: the order given)
  const view = { ...person, identities: rows.map((r, n) => ({ r, n })).sort((a, b) => (a.r.channel < b.r.channel ? -1 : a.r.channel > b.r.channel ? 1 : a.n - b.n)).map((x) => x.r) };
  return visibleView(p, view) ?? view;
}
