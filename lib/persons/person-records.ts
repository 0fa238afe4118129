// Person rows: the field sets every person operation selects, what an instance-restricted
// principal may see, and the internal (scope-unchecked) finders the services share.
import "server-only";
import { dbProvider, prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { forbidden, notFound } from "../errors";
import { canSeeInstance, type Principal } from "../auth/principal";
import { auditSeqCte, auditSeqOf, nextAuditSeqSql, type AuditSeq, type Tx } from "../audit/write-audit";
import { personNotFound } from "./merged-away";
import { rememberDayKeys, utcDay } from "../privacy/data-keys";
import { lockedPersonsCtes } from "../db/audited-transaction";

export type Db = Tx | typeof prisma;

export const personFields = {
  id: true, displayName: true, primaryPhone: true, primaryEmail: true, avatarUrl: true, metadata: true,
  createdAt: true, updatedAt: true,
} as const;

const identityColumns = {
  id: true, personId: true, instanceId: true, channel: true, platformUserId: true, platformUsername: true,
  profilePicUrl: true, messageCount: true, firstSeenAt: true, lastSeenAt: true, linkedBy: true, linkReason: true,
  createdAt: true, updatedAt: true,
} as const;

export const identityFields = { ...identityColumns, instance: { select: { id: true, name: true, channel: true } } } as const;

export const routeFields = {
  id: true, instanceId: true, scope: true, personId: true, agentId: true, priority: true, active: true, label: true,
  updatedAt: true,
} as const;

/** Prisma `where` for identities a principal may see. */
export const visibleIdentities = (p: Principal): Prisma.PlatformIdentityWhereInput =>
  p.instanceIds === null ? {} : { instanceId: { in: p.instanceIds } };

/** A person is visible to an instance-restricted key through an identity on one of its instances. */
export const visiblePersons = (p: Principal): Prisma.PersonWhereInput =>
  p.instanceIds === null ? {} : { identities: { some: { instanceId: { in: p.instanceIds } } } };

/**
 * The person with the identities the principal may see; 404 `NOT_FOUND` when unknown or not
 * visible to its instance restriction (with `details.mergedInto` when merged away, see merged-away.ts). Internal and unchecked for scopes: the exported services
 * check them (getPerson for reads; writes read back what they wrote).
 */
export async function findPerson(p: Principal, id: string, db: Db = prisma) {
  const row = await db.person.findFirst({
    where: { id, ...visiblePersons(p) },
    select: { ...personFields, identities: { where: visibleIdentities(p), select: identityFields, orderBy: [{ channel: "asc" }, { createdAt: "asc" }] } },
  });
  if (!row) throw await personNotFound(p, id, "Person", db);
  return row;
}

/** Everything about a person an audit "before" snapshot needs to restore it. */
export async function personSnapshot(db: Db, id: string) {
  const row = await db.person.findUnique({
    where: { id },
    select: {
      ...personFields,
      identities: { select: identityColumns, orderBy: { createdAt: "asc" } },
      routes: { select: routeFields, orderBy: { createdAt: "asc" } },
    },
  });
  return row;
}
export type PersonSnapshot = NonNullable<Awaited<ReturnType<typeof personSnapshot>>>;

/** For writes: every identity of the person must be on an instance the key may use. */
export function requireAllIdentitiesVisible(p: Principal, identities: { instanceId: string }[]) {
  if (p.instanceIds === null) return;
  const hidden = identities.filter((i) => !canSeeInstance(p, i.instanceId));
  if (hidden.length) throw forbidden("This API key is restricted to other instances.", { instanceIds: [...new Set(hidden.map((i) => i.instanceId))] });
}

/** The identity `id` with its person and instance, if the principal may see it; 404 `what` otherwise. */
export async function findVisibleIdentity(p: Principal, id: string, what = "Identity", db: Db = prisma) {
  const row = await db.platformIdentity.findUnique({ where: { id }, select: { id: true, personId: true, instanceId: true } });
  if (!row || !canSeeInstance(p, row.instanceId)) throw notFound(what);
  return row;
}

type PersonRow = Prisma.PersonGetPayload<{ select: typeof personFields }>;
export type IdentityRow = Prisma.PlatformIdentityGetPayload<{ select: typeof identityFields }>;

const identityColumnNames = Object.keys(identityColumns) as (keyof typeof identityColumns)[];
const personColumnNames = Object.keys(personFields) as (keyof typeof personFields)[];
const personCols = personColumnNames.map((c) => `p."${c}" AS "p_${c}"`);
const identityCols = [...identityColumnNames.map((c) => `i."${c}" AS "i_${c}"`), `n."name" AS "n_name"`, `n."channel" AS "n_channel"`];
const personOf = (r: Record<string, unknown>) => Object.fromEntries(personColumnNames.map((c) => [c, r[`p_${c}`]])) as PersonRow;

/** The identity (with its instance's name and channel) in a row read with identityCols; null when the row has none. */
function identityOf(r: Record<string, unknown>): IdentityRow | null {
  if (r.i_id == null) return null;
  const identity = Object.fromEntries(identityColumnNames.map((c) => [c, r[`i_${c}`]])) as Record<string, unknown>;
  identity.messageCount = Number(identity.messageCount);
  identity.instance = { id: identity.instanceId, name: r.n_name, channel: r.n_channel };
  return identity as IdentityRow;
}

/**
 * For a write: locks the persons (`FOR UPDATE`, ids ascending; on PostgreSQL the lock also writes
 * a new, unchanged version of each, see audited-transaction.ts lockedPersonsCtes), reads them with every identity
 * (and its instance's name and channel, ordered by channel, then creation) and takes the audit
 * event's seq (write-audit.ts auditSeqCte). PostgreSQL: two statements — the lock returns the
 * person rows and the seq, then the identities are read in a snapshot taken after the lock was
 * granted (one joined statement would return identities as they were before a merge it waited
 * for). SQLite (one write transaction at a time): one joined statement. Today's data keys of the
 * persons and their identities are read with the identities and remembered for the audit event
 * (lib/privacy/data-keys.ts rememberDayKeys). Persons that do not exist are absent from the map.
 * Visibility is the caller's: see visibleView.
 */
export async function lockPersonsWithIdentities(tx: Tx, ids: string[]): Promise<{ persons: Map<string, PersonRow & { identities: IdentityRow[] }>; seq: AuditSeq | null }> {
  const pg = dbProvider === "postgresql";
  const idList = Prisma.join([...new Set(ids)].sort());
  // today's data keys of the persons and their identities come with the identities (lib/privacy/data-keys.ts rememberDayKeys)
  const day = utcDay();
  const keyCols = [`pk."id" AS "pk_id"`, `pk."material" AS "pk_material"`, `ik."id" AS "ik_id"`, `ik."material" AS "ik_material"`];
  const identityKeyCols = [...identityCols, ...keyCols];
  const keyJoins = (person: string) => Prisma.sql`LEFT JOIN "PersonDataKey" pk ON pk."subjectId" = ${Prisma.raw(person)} AND pk."day" = ${day}
    LEFT JOIN "PersonDataKey" ik ON ik."subjectId" = i."id" AND ik."day" = ${day}`;
  const identityJoin = `LEFT JOIN "PlatformIdentity" i ON i."personId" = p."id" LEFT JOIN "Instance" n ON n."id" = i."instanceId"`;
  const remember = (r: Record<string, unknown>) => rememberDayKeys(tx, day, [
    { id: r.pk_id as string | null, subjectId: (r.i_personId ?? r.p_id) as string, material: r.pk_material as string | null },
    { id: r.ik_id as string | null, subjectId: r.i_id as string, material: r.ik_material as string | null },
  ]);
  const rows = await tx.$queryRaw<Record<string, unknown>[]>(pg
    // the lock writes a new version of each person (audited-transaction.ts lockedPersonsCtes), in the same statement
    ? Prisma.sql`${auditSeqCte()}, ${lockedPersonsCtes(ids)}
        SELECT ${Prisma.raw([...personCols, `s."auditSeq"`, `s."auditTxid"`].join(", "))} FROM v p CROSS JOIN "auditSeq" s ORDER BY p."id"`
    : Prisma.sql`${auditSeqCte()} SELECT ${Prisma.raw([...personCols, ...identityKeyCols, `s."auditSeq"`, `s."auditTxid"`].join(", "))}
        FROM "Person" p CROSS JOIN "auditSeq" s ${Prisma.raw(identityJoin)} ${keyJoins(`p."id"`)} WHERE p."id" IN (${idList}) ORDER BY p."id", i."channel", i."createdAt"`);
  const persons = new Map<string, PersonRow & { identities: IdentityRow[] }>();
  const addIdentity = (r: Record<string, unknown>) => {
    const identity = identityOf(r);
    if (identity) persons.get(identity.personId)?.identities.push(identity);
  };
  for (const r of rows) {
    const id = r.p_id as string;
    if (!persons.has(id)) persons.set(id, { ...personOf(r), identities: [] });
    if (!pg) {
      addIdentity(r);
      remember(r);
    }
  }
  if (pg && persons.size) {
    const identities = await tx.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT ${Prisma.raw(identityKeyCols.join(", "))}
      FROM "PlatformIdentity" i JOIN "Instance" n ON n."id" = i."instanceId" ${keyJoins(`i."personId"`)} WHERE i."personId" IN (${Prisma.join([...persons.keys()])})
      ORDER BY i."personId", i."channel", i."createdAt"`);
    for (const r of identities) {
      addIdentity(r);
      remember(r);
    }
  }
  return { persons, seq: rows.length ? auditSeqOf(rows[0] as { auditSeq: unknown; auditTxid: unknown }) : null };
}

/**
 * The person as findPerson shows it to `p` (only the identities it may see), from a row read by
 * lockPersonsWithIdentities; null when the principal may not see the person at all.
 */
export function visibleView<T extends { identities: IdentityRow[] }>(p: Principal, person: T): T | null {
  if (p.instanceIds === null) return person;
  const identities = person.identities.filter((i) => canSeeInstance(p, i.instanceId));
  return identities.length ? { ...person, identities } : null;
}

/**
 * The SELECT … FROM that readPersonForWrite and readPersonsForMerge share (they add WHERE and
 * ORDER BY): persons `p` with the audit seq CTE `s` (which the caller writes), each person's data key
 * of `day` (`pk`), its identities (`i`) with their instances (`n`), and, with `identityKeys`, each
 * identity's data key of `day` (`ik`). Columns: personOf's and identityOf's, the person row's xmin
 * (`p_xmin`), the keys (`pk_id`, `pk_material`, and `ik_id`, `ik_material`), `s."auditSeq"`, then
 * `extra`.
 */
const selectPersonsForWrite = (day: string, identityKeys: boolean, ...extra: string[]) => Prisma.sql`SELECT ${Prisma.raw([
  ...personCols, `p."xmin"::text AS "p_xmin"`, ...identityCols, `pk."id" AS "pk_id"`, `pk."material" AS "pk_material"`,
  ...(identityKeys ? [`ik."id" AS "ik_id"`, `ik."material" AS "ik_material"`] : []), `s."auditSeq"`, ...extra,
].join(", "))}
    FROM "Person" p CROSS JOIN s LEFT JOIN "PersonDataKey" pk ON pk."subjectId" = p."id" AND pk."day" = ${day}
      LEFT JOIN "PlatformIdentity" i ON i."personId" = p."id" LEFT JOIN "Instance" n ON n."id" = i."instanceId"${identityKeys ? Prisma.sql`
      LEFT JOIN "PersonDataKey" ik ON ik."subjectId" = i."id" AND ik."day" = ${day}` : Prisma.empty}`;

/**
 * PostgreSQL, for an optimistic write (updatePerson): the person `id` with every identity (and its
 * instance's name and channel, ordered by channel, then creation), read in one statement without a
 * lock, with the row's xmin (what the write compares before it applies: the row changed, or a
 * transaction that locked it committed, when xmin differs), a new audit seq (auditSeqCte), and
 * its data key of `day` (YYYY-MM-DD; id and material, null when it has none yet). Null when there is
 * no such person.
 */
export async function readPersonForWrite(id: string, day: string, db: Db = prisma): Promise<{
  person: PersonRow & { identities: IdentityRow[] }; xmin: string; seq: number; key: { id: string | null; subjectId: string; material: string | null };
} | null> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`WITH s AS (SELECT ${nextAuditSeqSql} AS "auditSeq")
    ${selectPersonsForWrite(day, false)}
    WHERE p."id" = ${id} ORDER BY i."channel", i."createdAt"`);
  if (!rows.length) return null;
  const r = rows[0];
  const identities = rows.map(identityOf).filter((i): i is IdentityRow => i !== null);
  return {
    person: { ...personOf(r), identities }, xmin: String(r.p_xmin), seq: Number(r.auditSeq),
    key: { id: r.pk_id as string | null, subjectId: id, material: r.pk_material as string | null },
  };
}

/** A route of a person as a merge reads it (routeFields, its creation time), with its row's xmin. */
export type RouteForWrite = Prisma.AgentRouteGetPayload<{ select: typeof routeFields }> & { createdAt: Date; xmin: string };

/**
 * PostgreSQL, for an optimistic merge (mergePersons): in one statement without a lock, the persons
 * `ids` with every identity (as readPersonForWrite) and each row's xmin, the routes whose person is
 * one of them (oldest first) with their xmins, today's data keys (`day`, YYYY-MM-DD) of the persons
 * and their identities (rows of knownDayKeys' shape; id null when a subject has none yet) and a new
 * audit seq. The merge's write compares every xmin, persons' and routes', before it applies.
 * Persons that do not exist are absent from `persons`.
 */
export async function readPersonsForMerge(ids: string[], day: string): Promise<{
  persons: Map<string, PersonRow & { identities: IdentityRow[]; xmin: string }>;
  routes: RouteForWrite[]; seq: number; keys: { id: string | null; subjectId: string; material: string | null }[];
}> {
  const idList = Prisma.join([...new Set(ids)].sort());
  // the routes ride along as one JSON column (timestamps as ISO strings with their UTC zone)
  const iso = (c: string) => `to_char(r."${c}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const routeJson = Object.keys(routeFields).map((c) => `'${c}', ${c === "updatedAt" ? iso(c) : `r."${c}"`}`).join(", ");
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>(Prisma.sql`WITH s AS (SELECT ${nextAuditSeqSql} AS "auditSeq",
      (SELECT coalesce(json_agg(json_build_object(${Prisma.raw(routeJson)}, 'createdAt', ${Prisma.raw(iso("createdAt"))}, 'xmin', r."xmin"::text) ORDER BY r."createdAt", r."id"), '[]')
         FROM "AgentRoute" r WHERE r."personId" IN (${idList})) AS "routes")
    ${selectPersonsForWrite(day, true, `s."routes"`)}
    WHERE p."id" IN (${idList}) ORDER BY p."id", i."channel", i."createdAt"`);
  const persons = new Map<string, PersonRow & { identities: IdentityRow[]; xmin: string }>();
  const keys: { id: string | null; subjectId: string; material: string | null }[] = [];
  for (const r of rows) {
    const id = r.p_id as string;
    if (!persons.has(id)) {
      persons.set(id, { ...personOf(r), identities: [], xmin: String(r.p_xmin) });
      keys.push({ id: r.pk_id as string | null, subjectId: id, material: r.pk_material as string | null });
    }
    const identity = identityOf(r);
    if (identity) {
      persons.get(id)!.identities.push(identity);
      keys.push({ id: r.ik_id as string | null, subjectId: identity.id, material: r.ik_material as string | null });
    }
  }
  const json = (rows[0]?.routes ?? []) as (Omit<RouteForWrite, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string })[];
  const routes = (typeof json === "string" ? JSON.parse(json) : json) as typeof json;
  return {
    persons, keys, seq: rows.length ? Number(rows[0].auditSeq) : 0,
    routes: routes.map((r) => ({ ...r, createdAt: new Date(r.createdAt), updatedAt: new Date(r.updatedAt) })),
  };
}
