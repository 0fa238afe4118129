// Person search over "PersonSearchTerm" (one row per normalised term of a person or of one of its
// identities, written by database triggers: migration 20261130141033_person_search_terms).
// lib/persons/rules/search-query.ts turns the typed text into a plan: nothing (no letter or digit:
// no rows), a substring of 3+ characters (SQLite FTS5 trigram index, PostgreSQL pg_trgm GIN) or a
// shorter prefix (b-tree on the term). Ranking: exact term > prefix > substring, then newest
// first; the keyset cursor holds (rank, createdAt, id).
import "server-only";
import { dbProvider, prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { requireScope, type Principal } from "../auth/principal";
import { ftsPhrase, planSearch, type SearchPlan, type SearchWord } from "./rules/search-query";
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
 * Search results: rank ascending (0 exact, 1 prefix, 2 substring; stored negated so that one
 * descending order covers the key), then createdAt and id descending. createdAt travels as ISO text.
 */
const SEARCH_ORDER: Keyset = {
  tag: "persons-q",
  order: "desc",
  columns: [{ field: "negRank", kind: "number" }, { field: "createdAt", kind: "string" }, { field: "id", kind: "string" }],
};
type Hit = { id: string; rank: number | bigint; createdAt: Date | string };
type After = { rank: number; createdAt: string; id: string } | null;
type Matcher = Exclude<SearchPlan, { kind: "none" }>;

/** SQL for "this person is visible to `p` and (if asked) has an identity on `channel`". */
function personFilters(p: Principal, channel: string | undefined): Prisma.Sql {
  const none = dbProvider === "postgresql" ? Prisma.sql`AND FALSE` : Prisma.sql`AND 0`;
  const restrict = p.instanceIds === null
    ? Prisma.empty
    : p.instanceIds.length
      ? Prisma.sql`AND EXISTS (SELECT 1 FROM "PlatformIdentity" v WHERE v."personId" = p."id" AND v."instanceId" IN (${Prisma.join(p.instanceIds)}))`
      : none;
  const byChannel = channel
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "PlatformIdentity" c WHERE c."personId" = p."id" AND c."channel" = ${channel})`
    : Prisma.empty;
  return Prisma.sql`${restrict} ${byChannel}`;
}

/** SQL for "after the cursor's row" in the search order. */
function afterCursor(after: After): Prisma.Sql {
  if (!after) return Prisma.empty;
  const created = dbProvider === "postgresql" ? Prisma.sql`p."createdAt"` : Prisma.sql`julianday(p."createdAt")`;
  const at = dbProvider === "postgresql" ? Prisma.sql`${after.createdAt}::timestamp(3)` : Prisma.sql`julianday(${after.createdAt})`;
  return Prisma.sql`AND (m.rank > ${after.rank} OR (m.rank = ${after.rank} AND (${created} < ${at} OR (${created} = ${at} AND p."id" < ${after.id}))))`;
}

/** Term `t` matches word `w` through the index (PostgreSQL: normalised there by omni_search_norm). */
function wordMatchPg(w: SearchWord, t: Prisma.Sql): Prisma.Sql {
  return w.substring
    ? Prisma.sql`${t}."term" LIKE ('%' || omni_search_like(${w.raw}) || '%')`
    : Prisma.sql`${t}."term" ~>=~ omni_search_norm(${w.raw}) AND ${t}."term" ~<~ (omni_search_norm(${w.raw}) || chr(1114111))`;
}

/** The same on SQLite (normalised here, like the stored terms by the triggers' functions). */
function wordMatchSqlite(w: SearchWord, t: Prisma.Sql, indexed: boolean): Prisma.Sql {
  if (!w.substring) return Prisma.sql`${t}."term" >= ${w.term} AND ${t}."term" < (${w.term} || char(1114111))`;
  const contains = Prisma.sql`instr(${t}."term", ${w.term}) > 0`;
  return indexed
    ? Prisma.sql`${t}."id" IN (SELECT rowid FROM "PersonSearchTrigram" WHERE "PersonSearchTrigram" MATCH ${ftsPhrase(w.term)}) AND ${contains}`
    : contains;
}

/** A term's rank against the whole query: 0 equal, 1 starts with it, 2 otherwise. */
function rankOf(plan: Matcher): Prisma.Sql {
  return dbProvider === "postgresql"
    ? Prisma.sql`CASE WHEN t."term" = omni_search_norm(${plan.raw}) THEN 0 WHEN t."term" LIKE (omni_search_like(${plan.raw}) || '%') THEN 1 ELSE 2 END`
    : Prisma.sql`CASE WHEN t."term" = ${plan.full} THEN 0 WHEN substr(t."term", 1, ${[...plan.full].length}) = ${plan.full} THEN 1 ELSE 2 END`;
}

/**
 * Persons with a matching term for every word of the query, and their best rank. The longest
 * word (a substring one if any) drives the index lookup; the others filter those persons. A term equal to or starting with the whole query contains the driving
 * word, so the rank is computed on the driving word's terms.
 */
function matches(plan: Matcher): Prisma.Sql {
  const pg = dbProvider === "postgresql";
  const score = (w: SearchWord) => (w.substring ? 1000 : 0) + [...w.term].length;
  const driver = plan.words.reduce((best, w) => (score(w) > score(best) ? w : best));
  const others = plan.words.filter((w) => w !== driver);
  const t = Prisma.sql`t`;
  const o = Prisma.sql`o`;
  // PostgreSQL: each other word as a set (its own trigram index scan, hash semi-join); SQLite:
  // checked on the few terms of each candidate person.
  const alsoAll = others.map((w) => pg
    ? Prisma.sql`AND t."personId" IN (SELECT o."personId" FROM "PersonSearchTerm" o WHERE ${wordMatchPg(w, o)})`
    : Prisma.sql`AND EXISTS (SELECT 1 FROM "PersonSearchTerm" o WHERE o."personId" = t."personId" AND ${wordMatchSqlite(w, o, false)})`);
  return Prisma.sql`
    SELECT t."personId" AS "personId", MIN(${rankOf(plan)}) AS rank
      FROM "PersonSearchTerm" t
     WHERE ${pg ? wordMatchPg(driver, t) : wordMatchSqlite(driver, t, true)} ${alsoAll.length ? Prisma.join(alsoAll, " ") : Prisma.empty}
     GROUP BY t."personId"`;
}

/** One page of matching persons' ids (take = limit + 1), best first. */
async function matchIds(p: Principal, plan: Matcher, channel: string | undefined, take: number, after: After): Promise<Hit[]> {
  return prisma.$queryRaw<Hit[]>`
    WITH m AS (${matches(plan)})
    SELECT p."id" AS id, m.rank AS rank, p."createdAt" AS "createdAt"
      FROM m JOIN "Person" p ON p."id" = m."personId"
     WHERE 1 = 1 ${personFilters(p, channel)} ${afterCursor(after)}
     ORDER BY m.rank, p."createdAt" DESC, p."id" DESC
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
 * GET /persons: search (`q`: exact > prefix > substring, then newest first; a `q` with no letter
 * or digit matches nobody), or every person newest first (`createdAt desc, id desc`). Keyset
 * cursor either way (400 for a bad one or one from the other mode).
 */
export async function searchPersons(p: Principal, q: PersonSearchQuery) {
  requireScope(p, "persons:read");
  if (q.q === undefined || q.q.trim() === "") return listPersons(p, q);
  const plan = planSearch(q.q);
  const key = q.cursor ? decodeCursor(SEARCH_ORDER, q.cursor) : null;
  if (plan.kind === "none") return { items: [], nextCursor: null };
  const after: After = key ? { rank: -(key[0] as number), createdAt: key[1] as string, id: key[2] as string } : null;
  const rows = await matchIds(p, plan, q.channel, q.limit + 1, after);
  const keyed = rows.map((r) => ({
    id: r.id,
    negRank: -Number(r.rank),
    createdAt: r.createdAt instanceof Date ? r.createdAt.toISOString() : new Date(r.createdAt).toISOString(),
  }));
  const page = keysetPage(SEARCH_ORDER, keyed, q.limit);
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
