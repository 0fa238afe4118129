// Persons: the people behind the identities (one WhatsApp number, one Telegram account…).
// Get, create, update; search lives in person-search.ts, merge/link/unlink in person-merge.ts
// and identity-link.ts, presence in person-presence.ts.
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { conflict, forbidden, notFound } from "../errors";
import { canSeeInstance, requireInstance, requireScope, type Principal } from "../auth/principal";
import type { PersonCreate, PersonUpdate } from "./schemas";
import { writeAudit, type Tx } from "../audit/write-audit";
import { emitChange } from "../events/changes";

type Db = Tx | typeof prisma;

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

/** The person with the identities the principal may see; 404 when unknown or invisible. */
export async function getPerson(p: Principal, id: string, db: Db = prisma) {
  requireScope(p, "persons:read");
  const row = await db.person.findFirst({
    where: { id, ...visiblePersons(p) },
    select: { ...personFields, identities: { where: visibleIdentities(p), select: identityFields, orderBy: [{ channel: "asc" }, { createdAt: "asc" }] } },
  });
  if (!row) throw notFound("Person");
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

const toJson = (v: unknown) => (v === null || v === undefined ? undefined : (v as Prisma.InputJsonValue));

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
  const instances = await prisma.instance.findMany({ where: { id: { in: identities.map((i) => i.instanceId) } }, select: { id: true, channel: true } });
  const channelOf = new Map(instances.map((i) => [i.id, i.channel]));
  for (const i of identities) if (!channelOf.has(i.instanceId)) throw notFound("Instance");
  const row = await prisma.$transaction(async (tx) => {
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
    await writeAudit(tx, p, { action: "person.create", targetType: "person", targetId: person.id, after });
    return person;
  });
  emitChange({ kind: "person", id: row.id });
  return getPerson({ ...p, scopes: ["*"] }, row.id);
}

export async function updatePerson(p: Principal, id: string, input: PersonUpdate) {
  requireScope(p, "persons:write");
  await getPerson({ ...p, scopes: ["*"] }, id);
  const data: Prisma.PersonUpdateInput = {};
  if (input.displayName !== undefined) data.displayName = input.displayName;
  if (input.primaryPhone !== undefined) data.primaryPhone = input.primaryPhone;
  if (input.primaryEmail !== undefined) data.primaryEmail = input.primaryEmail;
  if (input.avatarUrl !== undefined) data.avatarUrl = input.avatarUrl;
  if (input.metadata !== undefined) data.metadata = input.metadata === null ? Prisma.DbNull : (input.metadata as Prisma.InputJsonValue);
  await prisma.$transaction(async (tx) => {
    const before = await tx.person.findUnique({ where: { id }, select: personFields });
    if (!before) throw notFound("Person");
    const after = await tx.person.update({ where: { id }, data, select: personFields });
    const changed = (Object.keys(input) as (keyof PersonUpdate)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    await writeAudit(tx, p, {
      action: "person.update", targetType: "person", targetId: id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
  });
  emitChange({ kind: "person", id });
  return getPerson({ ...p, scopes: ["*"] }, id);
}

/** Routes that target a person (user scope), with their agent and instance, for the detail page. */
export async function personRoutes(p: Principal, personId: string) {
  requireScope(p, "routes:read");
  return prisma.agentRoute.findMany({
    where: { personId, scope: "user", ...(p.instanceIds === null ? {} : { instanceId: { in: p.instanceIds } }) },
    select: {
      ...routeFields,
      agent: { select: { id: true, name: true } },
      instance: { select: { id: true, name: true, channel: true } },
    },
    orderBy: [{ active: "desc" }, { priority: "desc" }, { updatedAt: "desc" }],
  });
}
