// Person search: SQLite FTS5 over names, phones and emails (PersonSearch) and over identity
// usernames / platform user ids (IdentitySearch), both kept in sync by triggers (migration
// 20261123162800_person_search); on PostgreSQL, full-text search over GIN expression indexes (the
// migration of the same name in prisma/migrations-postgresql). Prefix matching as you type; user
// input is turned into a safe query by lib/persons/rules/search-query.ts, so no input is a syntax error.
import "server-only";
import { dbProvider, prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { requireScope, type Principal } from "../auth/principal";
import { toFtsQuery, toTsQuery } from "./rules/search-query";
import type { PersonSearchQuery } from "./schemas";
import { visibleIdentities, visiblePersons } from "./person-records";

export type PersonListItem = {
  id: string;
  displayName: string | null;
  primaryPhone: string | null;
  primaryEmail: string | null;
  avatarUrl: string | null;
  identityCount: number;
  channels: string[];
  lastSeenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const offsetOf = (cursor?: string) => (cursor ? Number(cursor.slice(1)) : 0);

/** PostgreSQL: ids of matching persons, best match first (ts_rank; name hits weigh most). */
async function matchIdsPg(p: Principal, input: string, channel: string | undefined, take: number, skip: number) {
  const tsq = toTsQuery(input);
  if (!tsq) return [];
  const restrict = p.instanceIds === null
    ? Prisma.empty
    : p.instanceIds.length
      ? Prisma.sql`AND EXISTS (SELECT 1 FROM "PlatformIdentity" v WHERE v."personId" = h."personId" AND v."instanceId" IN (${Prisma.join(p.instanceIds)}))`
      : Prisma.sql`AND FALSE`;
  const byChannel = channel
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "PlatformIdentity" c WHERE c."personId" = h."personId" AND c."channel" = ${channel})`
    : Prisma.empty;
  // The expressions match the GIN indexes of the migration exactly (so the planner uses them).
  const rows = await prisma.$queryRaw<{ personId: string }[]>`
    WITH q AS (SELECT to_tsquery('simple'::regconfig, ${tsq}) AS q),
    h AS (
      SELECT p."id" AS "personId",
             ts_rank(omni_person_tsv(p."displayName", p."primaryPhone", p."primaryEmail"), q.q) AS score
        FROM "Person" p, q
       WHERE omni_person_tsv(p."displayName", p."primaryPhone", p."primaryEmail") @@ q.q
      UNION ALL
      SELECT i."personId", ts_rank(omni_identity_tsv(i."platformUsername", i."platformUserId"), q.q) AS score
        FROM "PlatformIdentity" i, q
       WHERE omni_identity_tsv(i."platformUsername", i."platformUserId") @@ q.q
    )
    SELECT h."personId" FROM h
     WHERE TRUE ${restrict} ${byChannel}
     GROUP BY h."personId"
     ORDER BY MAX(h.score) DESC, h."personId"
     LIMIT ${take} OFFSET ${skip}`;
  return rows.map((r) => r.personId);
}

/** Ids of matching persons, best match first (bm25; name hits weigh most). */
async function matchIds(p: Principal, match: string, channel: string | undefined, take: number, skip: number) {
  const restrict = p.instanceIds === null
    ? Prisma.empty
    : p.instanceIds.length
      ? Prisma.sql`AND EXISTS (SELECT 1 FROM "PlatformIdentity" v WHERE v."personId" = h."personId" AND v."instanceId" IN (${Prisma.join(p.instanceIds)}))`
      : Prisma.sql`AND 0`;
  const byChannel = channel
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "PlatformIdentity" c WHERE c."personId" = h."personId" AND c."channel" = ${channel})`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<{ personId: string }[]>`
    WITH h AS (
      SELECT p."id" AS "personId", bm25("PersonSearch", 10.0, 5.0, 5.0) AS score
        FROM "PersonSearch" JOIN "Person" p ON p.rowid = "PersonSearch".rowid
       WHERE "PersonSearch" MATCH ${match}
      UNION ALL
      SELECT i."personId", bm25("IdentitySearch", 4.0, 2.0) AS score
        FROM "IdentitySearch" JOIN "PlatformIdentity" i ON i.rowid = "IdentitySearch".rowid
       WHERE "IdentitySearch" MATCH ${match}
    )
    SELECT h."personId" FROM h
     WHERE 1 ${restrict} ${byChannel}
     GROUP BY h."personId"
     ORDER BY MIN(h.score), h."personId"
     LIMIT ${take} OFFSET ${skip}`;
  return rows.map((r) => r.personId);
}

/** The list-row view (identity count, channels, last seen) of the given persons, in that order. */
export async function personListItems(p: Principal, ids: string[]): Promise<PersonListItem[]> {
  if (!ids.length) return [];
  const [persons, groups] = await Promise.all([
    prisma.person.findMany({
      where: { id: { in: ids } },
      select: { id: true, displayName: true, primaryPhone: true, primaryEmail: true, avatarUrl: true, createdAt: true, updatedAt: true },
    }),
    prisma.platformIdentity.groupBy({
      by: ["personId", "channel"],
      where: { personId: { in: ids }, ...visibleIdentities(p) },
      _count: { _all: true },
      _max: { lastSeenAt: true },
    }),
  ]);
  const byId = new Map(persons.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const g = groups.filter((x) => x.personId === id);
    const last = g.reduce<Date | null>((m, x) => (x._max.lastSeenAt && (!m || x._max.lastSeenAt > m) ? x._max.lastSeenAt : m), null);
    return [{
      ...r,
      identityCount: g.reduce((n, x) => n + x._count._all, 0),
      channels: g.map((x) => x.channel).sort(),
      lastSeenAt: last,
    }];
  });
}

/** GET /persons: search as you type (`q`), or every person newest first; offset cursor. */
export async function searchPersons(p: Principal, q: PersonSearchQuery) {
  requireScope(p, "persons:read");
  const skip = offsetOf(q.cursor);
  const match = toFtsQuery(q.q);
  let ids: string[];
  if (match) {
    ids = dbProvider === "postgresql"
      ? await matchIdsPg(p, q.q ?? "", q.channel, q.limit + 1, skip)
      : await matchIds(p, match, q.channel, q.limit + 1, skip);
  } else {
    const rows = await prisma.person.findMany({
      where: { ...visiblePersons(p), ...(q.channel ? { identities: { some: { channel: q.channel, ...visibleIdentities(p) } } } : {}) },
      select: { id: true },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: q.limit + 1,
      skip,
    });
    ids = rows.map((r) => r.id);
  }
  const more = ids.length > q.limit;
  const items = await personListItems(p, ids.slice(0, q.limit));
  return { items, nextCursor: more ? `o${skip + q.limit}` : null };
}
