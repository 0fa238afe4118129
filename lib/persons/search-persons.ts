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
import { decodeCursor, keysetArgs, keysetPage, newestFirst, type Keyset } from "../db/keyset";

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

/** The plain list: newest first. */
const LIST_ORDER = newestFirst("persons");
/**
 * Search results: best match first (the score of the database's ranking: bm25 ascending on
 * SQLite, ts_rank descending on PostgreSQL), the id as tiebreaker; the cursor holds both.
 */
const SEARCH_ORDER: Keyset = { tag: "persons-search", order: "asc", columns: [{ field: "score", kind: "number" }, { field: "id", kind: "string" }] };
type Match = { personId: string; score: number };
type After = [score: number, id: string] | null;

/** PostgreSQL: ids of matching persons, best match first (ts_rank; name hits weigh most). */
async function matchIdsPg(p: Principal, input: string, channel: string | undefined, take: number, after: After): Promise<Match[]> {
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
  const next = after
    ? Prisma.sql`HAVING MAX(h.score) < ${after[0]} OR (MAX(h.score) = ${after[0]} AND h."personId" > ${after[1]})`
    : Prisma.empty;
  // The expressions match the GIN indexes of the migration exactly (so the planner uses them).
  return prisma.$queryRaw<Match[]>`
    WITH q AS (SELECT to_tsquery('simple'::regconfig, ${tsq}) AS q),
    h AS (
      SELECT p."id" AS "personId",
             ts_rank(omni_person_tsv(p."displayName", p."primaryPhone", p."primaryEmail"), q.q)::float8 AS score
        FROM "Person" p, q
       WHERE omni_person_tsv(p."displayName", p."primaryPhone", p."primaryEmail") @@ q.q
      UNION ALL
      SELECT i."personId", ts_rank(omni_identity_tsv(i."platformUsername", i."platformUserId"), q.q)::float8 AS score
        FROM "PlatformIdentity" i, q
       WHERE omni_identity_tsv(i."platformUsername", i."platformUserId") @@ q.q
    )
    SELECT h."personId", MAX(h.score) AS score FROM h
     WHERE TRUE ${restrict} ${byChannel}
     GROUP BY h."personId" ${next}
     ORDER BY MAX(h.score) DESC, h."personId"
     LIMIT ${take}`;
}

/** Ids of matching persons, best match first (bm25; name hits weigh most). */
async function matchIds(p: Principal, match: string, channel: string | undefined, take: number, after: After): Promise<Match[]> {
  const restrict = p.instanceIds === null
    ? Prisma.empty
    : p.instanceIds.length
      ? Prisma.sql`AND EXISTS (SELECT 1 FROM "PlatformIdentity" v WHERE v."personId" = h."personId" AND v."instanceId" IN (${Prisma.join(p.instanceIds)}))`
      : Prisma.sql`AND 0`;
  const byChannel = channel
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "PlatformIdentity" c WHERE c."personId" = h."personId" AND c."channel" = ${channel})`
    : Prisma.empty;
  const next = after
    ? Prisma.sql`HAVING MIN(h.score) > ${after[0]} OR (MIN(h.score) = ${after[0]} AND h."personId" > ${after[1]})`
    : Prisma.empty;
  return prisma.$queryRaw<Match[]>`
    WITH h AS (
      SELECT p."id" AS "personId", bm25("PersonSearch", 10.0, 5.0, 5.0) AS score
        FROM "PersonSearch" JOIN "Person" p ON p.rowid = "PersonSearch".rowid
       WHERE "PersonSearch" MATCH ${match}
      UNION ALL
      SELECT i."personId", bm25("IdentitySearch", 4.0, 2.0) AS score
        FROM "IdentitySearch" JOIN "PlatformIdentity" i ON i.rowid = "IdentitySearch".rowid
       WHERE "IdentitySearch" MATCH ${match}
    )
    SELECT h."personId", MIN(h.score) AS score FROM h
     WHERE 1 ${restrict} ${byChannel}
     GROUP BY h."personId" ${next}
     ORDER BY MIN(h.score), h."personId"
     LIMIT ${take}`;
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

/**
 * GET /persons: search as you type (`q`, best match first), or every person newest first
 * (`createdAt desc, id desc`). Keyset cursor either way (400 for a bad one or one from the other
 * mode); a search page's order follows the database's ranking score, which other rows can shift.
 */
export async function searchPersons(p: Principal, q: PersonSearchQuery) {
  requireScope(p, "persons:read");
  const match = toFtsQuery(q.q);
  if (!match) return listPersons(p, q);
  const after = q.cursor ? (decodeCursor(SEARCH_ORDER, q.cursor) as [number, string]) : null;
  const rows = dbProvider === "postgresql"
    ? await matchIdsPg(p, q.q ?? "", q.channel, q.limit + 1, after)
    : await matchIds(p, match, q.channel, q.limit + 1, after);
  const page = keysetPage(SEARCH_ORDER, rows.map((r) => ({ id: r.personId, score: Number(r.score) })), q.limit);
  return { items: await personListItems(p, page.items.map((r) => r.id)), nextCursor: page.nextCursor };
}

/** Every visible person (of `channel`, when given), newest first. */
async function listPersons(p: Principal, q: PersonSearchQuery) {
  const where: Prisma.PersonWhereInput = {
    ...visiblePersons(p),
    ...(q.channel ? { identities: { some: { channel: q.channel, ...visibleIdentities(p) } } } : {}),
  };
  const rows = await prisma.person.findMany({ select: { id: true, createdAt: true }, ...keysetArgs(LIST_ORDER, q, where) });
  const page = keysetPage(LIST_ORDER, rows, q.limit);
  return { items: await personListItems(p, page.items.map((r) => r.id)), nextCursor: page.nextCursor };
}
