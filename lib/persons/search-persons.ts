// Person search over "PersonSearchTerm" (one row per normalised term of a person or of one of its
// identities) and "PersonSearchDoc" (a person's own terms joined in one document), both written by
// database triggers (migrations 20261130141033_person_search_terms, 20261130210250_person_search_docs).
// lib/persons/rules/search-query.ts turns the typed text into a plan: nothing (no letter or digit:
// no rows), words of 3+ characters matched as substrings (trigram indexes: SQLite FTS5, PostgreSQL
// pg_trgm GIN) and shorter words as prefixes (b-tree on the term). Ranking: exact term > prefix >
// substring, then newest first; the keyset cursor holds (rank, createdAt, id).
import "server-only";
import { dbProvider, prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { requireScope, type Principal } from "../auth/principal";
import { ftsPhrase, planSearch, SUBSTRING_MIN, type SearchPlan, type SearchWord } from "./rules/search-query";
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
type After = { rank: number; createdAt: string; id: string } | null;
type Matcher = Exclude<SearchPlan, { kind: "none" }>;

/**
 * SQL `AND <identity alias>."instanceId" is one of the principal's instances` (nothing for an
 * unrestricted principal, always false for one restricted to no instance): the SQL twin of
 * visibleIdentities.
 */
function onVisibleInstance(p: Principal, alias: string): Prisma.Sql {
  if (p.instanceIds === null) return Prisma.empty;
  return p.instanceIds.length ? Prisma.sql`AND ${Prisma.raw(alias)}."instanceId" IN (${Prisma.join(p.instanceIds)})` : Prisma.sql`AND 1 = 0`;
}

/** SQL for "this person is visible to `p` and (if asked) has an identity on `channel`". */
function personFilters(p: Principal, channel: string | undefined): Prisma.Sql {
  const restrict = p.instanceIds === null
    ? Prisma.empty
    : Prisma.sql`AND EXISTS (SELECT 1 FROM "PlatformIdentity" v WHERE v."personId" = p."id" ${onVisibleInstance(p, "v")})`;
  const byChannel = channel
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "PlatformIdentity" ch WHERE ch."personId" = p."id" AND ch."channel" = ${channel})`
    : Prisma.empty;
  return Prisma.sql`${restrict} ${byChannel}`;
}

/** SQL for "after the cursor's row" in the search order. */
function afterCursor(after: After): Prisma.Sql {
  if (!after) return Prisma.empty;
  const created = dbProvider === "postgresql" ? Prisma.sql`p."createdAt"` : Prisma.sql`julianday(p."createdAt")`;
  const at = dbProvider === "postgresql" ? Prisma.sql`${after.createdAt}::timestamp(3)` : Prisma.sql`julianday(${after.createdAt})`;
  return Prisma.sql`AND (p.rank > ${after.rank} OR (p.rank = ${after.rank} AND (${created} < ${at} OR (${created} = ${at} AND p."id" < ${after.id}))))`;
}

/** Term `t` matches word `w` through the index (PostgreSQL: normalised there by omni_search_norm). */
function wordMatchPg(w: SearchWord, t: Prisma.Sql): Prisma.Sql {
  return w.substring
    ? Prisma.sql`${t}."term" LIKE ('%' || omni_search_like(${w.raw}) || '%')`
    : Prisma.sql`${t}."term" ~>=~ omni_search_norm(${w.raw}) AND ${t}."term" ~<~ (omni_search_norm(${w.raw}) || chr(1114111))`;
}

/** The same on SQLite (normalised here, like the stored terms by the triggers' functions). */
function wordMatchSqlite(w: SearchWord, t: Prisma.Sql): Prisma.Sql {
  return w.substring
    ? Prisma.sql`instr(${t}."term", ${w.term}) > 0`
    : Prisma.sql`${t}."term" >= ${w.term} AND ${t}."term" < (${w.term} || char(1114111))`;
}

/** A term's rank against the whole query: 0 equal, 1 starts with it, 2 otherwise. */
function rankOf(plan: Matcher): Prisma.Sql {
  return dbProvider === "postgresql"
    ? Prisma.sql`CASE WHEN t."term" = omni_search_norm(${plan.raw}) THEN 0 WHEN t."term" LIKE (omni_search_like(${plan.raw}) || '%') THEN 1 ELSE 2 END`
    : Prisma.sql`CASE WHEN t."term" = ${plan.full} THEN 0 WHEN substr(t."term", 1, ${[...plan.full].length}) = ${plan.full} THEN 1 ELSE 2 END`;
}

/** The best rank of a document's terms (each after a newline) against the whole query. */
function docRankOf(plan: Matcher): Prisma.Sql {
  return dbProvider === "postgresql"
    ? Prisma.sql`CASE WHEN position((chr(10) || omni_search_norm(${plan.raw}) || chr(10)) IN (d."doc" || chr(10))) > 0 THEN 0
                      WHEN position((chr(10) || omni_search_norm(${plan.raw})) IN d."doc") > 0 THEN 1 ELSE 2 END`
    : Prisma.sql`CASE WHEN instr(d."doc" || char(10), char(10) || ${plan.full} || char(10)) > 0 THEN 0
                      WHEN instr(d."doc", char(10) || ${plan.full}) > 0 THEN 1 ELSE 2 END`;
}

/** Words of exactly this many characters are also looked up in the documents, as newline + word. */
const LINE_PREFIX_LENGTH = SUBSTRING_MIN - 1;

/**
 * Rows (personId, rank, sure) for the persons that may match, found through the indexes. `sure`
 * = 1: the row alone proves that the person matches every word, and `rank` is its best rank;
 * otherwise matching() checks the person's terms. For a query with words of 3+ characters:
 * - persons whose search document (their own terms: name, email, phone, each after a newline)
 *   holds every such word and, for each 2-character word, a term starting with it (newline +
 *   word): one trigram index lookup. Sure unless the query has a 1-character word.
 * - persons with an identity term (username, platform id) that holds one of those words or
 *   starts with one of the 2-character words, ranked by that term. Sure for a one-word query.
 * A person matching every word has them all in its document or one of them in an identity
 * term; an identity term equal to or starting with the whole query holds every word, so the
 * rows' best rank is the person's. For a query of shorter words only: persons with a term
 * starting with the longest one (b-tree), sure for a one-word query.
 */
function candidates(plan: Matcher): Prisma.Sql {
  const pg = dbProvider === "postgresql";
  const subs = plan.words.filter((w) => w.substring);
  const t = Prisma.sql`t`;
  const oneWord = Prisma.raw(plan.words.length === 1 ? "1" : "0"); // literals: a parameter would be text in a UNION
  if (!subs.length) {
    const driver = plan.words.reduce((best, w) => ([...w.term].length > [...best.term].length ? w : best));
    return Prisma.sql`SELECT t."personId" AS "personId", ${rankOf(plan)} AS rank, ${oneWord} AS sure
                        FROM "PersonSearchTerm" t WHERE ${pg ? wordMatchPg(driver, t) : wordMatchSqlite(driver, t)}`;
  }
  const starts = plan.words.filter((w) => !w.substring && [...w.term].length === LINE_PREFIX_LENGTH);
  const docSure = Prisma.raw(plan.words.every((w) => w.substring || starts.includes(w)) ? "1" : "0");
  const identityRows = (where: Prisma.Sql) =>
    Prisma.sql`SELECT t."personId" AS "personId", ${rankOf(plan)} AS rank, ${oneWord} AS sure FROM "PersonSearchTerm" t WHERE ${where}`;
  const docRows = (where: Prisma.Sql) =>
    Prisma.sql`SELECT d."personId" AS "personId", ${docRankOf(plan)} AS rank, ${docSure} AS sure FROM "PersonSearchDoc" d WHERE ${where}`;
  const startsInIdentity = starts.map((w) => (pg ? wordMatchPg(w, t) : wordMatchSqlite(w, t)));
  if (pg) {
    const inDoc = [
      ...subs.map((w) => Prisma.sql`d."doc" LIKE ('%' || omni_search_like(${w.raw}) || '%')`),
      ...starts.map((w) => Prisma.sql`d."doc" LIKE ('%' || chr(10) || omni_search_like(${w.raw}) || '%')`),
    ];
    const inIdentity = [...subs.map((w) => wordMatchPg(w, t)), ...startsInIdentity];
    return Prisma.sql`
      ${docRows(Prisma.join(inDoc, " AND "))}
      UNION ALL
      ${identityRows(Prisma.sql`t."identityId" IS NOT NULL AND (${Prisma.join(inIdentity, " OR ")})`)}`;
  }
  const docQuery = [...subs.map((w) => ftsPhrase(w.term)), ...starts.map((w) => ftsPhrase(`\n${w.term}`))].join(" AND ");
  const identityQuery = subs.map((w) => ftsPhrase(w.term)).join(" OR ");
  return Prisma.sql`
    ${docRows(Prisma.sql`d."id" IN (SELECT rowid FROM "PersonSearchDocTrigram" WHERE "PersonSearchDocTrigram" MATCH ${docQuery})`)}
    UNION ALL
    ${identityRows(Prisma.sql`t."id" IN (SELECT rowid FROM "PersonSearchIdentityTrigram" WHERE "PersonSearchIdentityTrigram" MATCH ${identityQuery})`)}
    ${startsInIdentity.length
      ? Prisma.sql`UNION ALL ${identityRows(Prisma.sql`t."identityId" IS NOT NULL AND (${Prisma.join(startsInIdentity, " OR ")})`)}`
      : Prisma.empty}`;
}

/**
 * CTEs ending in `hits`: the visible persons matching every word of the query (a term holding
 * each word of 3+ characters, a term starting with each shorter one) with "id", "createdAt" and
 * rank. Candidates that are not sure are checked against their terms, which also give their
 * rank. On PostgreSQL the person is read per candidate (a LATERAL lookup behind OFFSET 0), so the
 * plan stays an index lookup whatever the row estimates of the pattern lookups (guesses).
 */
function matchingCtes(p: Principal, plan: Matcher, channel: string | undefined): Prisma.Sql {
  const pg = dbProvider === "postgresql";
  const o = Prisma.sql`o`;
  const every = plan.words.map((w) =>
    Prisma.sql`EXISTS (SELECT 1 FROM "PersonSearchTerm" o WHERE o."personId" = m."personId" AND ${pg ? wordMatchPg(w, o) : wordMatchSqlite(w, o)})`);
  const person = pg
    ? Prisma.sql`m CROSS JOIN LATERAL (SELECT p."id", p."createdAt" FROM "Person" p WHERE p."id" = m."personId" ${personFilters(p, channel)} OFFSET 0) p`
    : Prisma.sql`m JOIN "Person" p ON p."id" = m."personId" ${personFilters(p, channel)}`;
  return Prisma.sql`
    c AS (${candidates(plan)}),
    m AS (SELECT c."personId" AS "personId", MIN(c.rank) AS rank, MAX(c.sure) AS sure FROM c GROUP BY c."personId"),
    hits AS (
      SELECT p."id" AS id, p."createdAt" AS "createdAt",
             CASE WHEN m.sure = 1 THEN m.rank ELSE (SELECT MIN(${rankOf(plan)}) FROM "PersonSearchTerm" t WHERE t."personId" = m."personId") END AS rank
        FROM ${person}
       WHERE m.sure = 1 OR (${Prisma.join(every, " AND ")}))`;
}

type ListRow = {
  id: string; displayName: string | null; primaryPhone: string | null; primaryEmail: string | null; avatarUrl: string | null;
  createdAt: Date | string; updatedAt: Date | string; identityCount: number | bigint; channels: string | null; lastSeenAt: Date | string | number | null;
};

/** A date column as a Date (SQLite hands back text for aggregates and raw reads). */
const asDate = (v: Date | string | number): Date => (v instanceof Date ? v : new Date(v));

/**
 * The list-row columns of person `p` (ListRow) over its identities `i` visible to the principal
 * (their count, channels, last activity): `SELECT ${columns} FROM … "Person" p ${join} … GROUP BY p."id"`.
 */
function listRowSql(principal: Principal) {
  const channels = dbProvider === "postgresql" ? Prisma.sql`string_agg(DISTINCT i."channel", ',')` : Prisma.sql`group_concat(DISTINCT i."channel")`;
  return {
    columns: Prisma.sql`p."id" AS "id", p."displayName" AS "displayName", p."primaryPhone" AS "primaryPhone", p."primaryEmail" AS "primaryEmail",
           p."avatarUrl" AS "avatarUrl", p."createdAt" AS "createdAt", p."updatedAt" AS "updatedAt",
           COUNT(i."id") AS "identityCount", ${channels} AS "channels", MAX(i."lastSeenAt") AS "lastSeenAt"`,
    join: Prisma.sql`LEFT JOIN "PlatformIdentity" i ON i."personId" = p."id" ${onVisibleInstance(principal, "i")}`,
  };
}

function toListItem(r: ListRow): PersonListItem {
  return {
    id: r.id,
    displayName: r.displayName,
    primaryPhone: r.primaryPhone,
    primaryEmail: r.primaryEmail,
    avatarUrl: r.avatarUrl,
    identityCount: Number(r.identityCount),
    channels: r.channels ? r.channels.split(",").sort() : [],
    lastSeenAt: r.lastSeenAt === null ? null : asDate(r.lastSeenAt),
    createdAt: asDate(r.createdAt),
    updatedAt: asDate(r.updatedAt),
  };
}

/**
 * The list-row view of the given persons, in that order: their fields, and over the identities
 * `p` may see, their count, channels (sorted) and last activity. One statement.
 */
export async function personListItems(p: Principal, ids: string[]): Promise<PersonListItem[]> {
  if (!ids.length) return [];
  const row = listRowSql(p);
  const rows = await prisma.$queryRaw<ListRow[]>`
    SELECT ${row.columns} FROM "Person" p ${row.join} WHERE p."id" IN (${Prisma.join(ids)}) GROUP BY p."id"`;
  const byId = new Map(rows.map((r) => [r.id, toListItem(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * One page of matching persons (take = limit + 1), best first, as list rows with their rank:
 * one statement (the matches, the page after the cursor, and the page's list rows).
 */
async function matchPage(p: Principal, plan: Matcher, channel: string | undefined, take: number, after: After) {
  const row = listRowSql(p);
  return prisma.$queryRaw<(ListRow & { rank: number | bigint })[]>`
    WITH ${matchingCtes(p, plan, channel)},
         page AS (SELECT p.id AS id, p.rank AS rank FROM hits p WHERE 1 = 1 ${afterCursor(after)}
                   ORDER BY p.rank, p."createdAt" DESC, p.id DESC LIMIT ${take})
    SELECT ${row.columns}, page.rank AS rank
      FROM page JOIN "Person" p ON p."id" = page.id ${row.join}
     GROUP BY p."id", page.rank
     ORDER BY page.rank, p."createdAt" DESC, p."id" DESC`;
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
  const rows = await matchPage(p, plan, q.channel, q.limit + 1, after);
  const keyed = rows.map((r) => ({
    item: toListItem(r),
    id: r.id,
    negRank: -Number(r.rank),
    createdAt: asDate(r.createdAt).toISOString(),
  }));
  const page = keysetPage(SEARCH_ORDER, keyed, q.limit);
  return { items: page.items.map((r) => r.item), nextCursor: page.nextCursor };
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
