// Person rows: the field sets every person operation selects, what an instance-restricted
// principal may see, and the internal (scope-unchecked) finders the services share.
import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { forbidden, notFound } from "../errors";
import { canSeeInstance, type Principal } from "../auth/principal";
import type { Tx } from "../audit/write-audit";
import { personNotFound } from "./merged-away";

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
