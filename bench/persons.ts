// Person search, merge and list pages at scale: 100,000 persons with 200,000 identities in a
// scratch database (SQLite or PostgreSQL, see bench/lib.ts). Search goes through the real service
// (normalised terms kept by triggers; SQLite FTS5 trigram, PostgreSQL pg_trgm GIN); the in-run
// baseline is a LIKE '%q%' (PostgreSQL: ILIKE) scan of the same columns with the same queries,
// through the same Prisma client. Merge of a person with 1,000 identities through the real service
// (one transaction + audit snapshot) beside the bare data move (updateMany + delete). The persons
// list (newest first) at page 1 and 5,000 rows deep (by cursor).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { encodeCursor, newestFirst } from "../lib/db/keyset";
import { analyze, bulkInsert, fmt, latencies, ratio, withScratchDatabase, type BenchRow } from "./lib";
import { NAME_ORIGINS } from "../scripts/lib/demo-data";

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const IDENTITIES = PERSONS * 2;
const MERGE_IDENTITIES = 1_000;

/** Deterministic pseudo-random numbers, so every run searches the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function seed(url: string) {
  const rand = rng(42);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const now = Date.now();
  const channels = ["whatsapp", "telegram", "discord", "slack", "email", "sms"] as const;
  const instances = channels.map((channel) => ({ id: randomUUID(), channel }));
  const persons: (string | Date | null)[][] = [];
  for (let n = 0; n < PERSONS; n++) {
    const origin = pick(NAME_ORIGINS);
    const first = pick(origin.first);
    const last = pick(origin.last);
    const phone = rand() < 0.7 ? `+1${String(2000000000 + Math.floor(rand() * 7999999999)).slice(0, 10)}` : null;
    const email = rand() < 0.5 ? `${first}.${last}${n}@example.com`.toLowerCase().normalize("NFKD").replace(/[^\x20-\x7e]/g, "") : null;
    const at = new Date(now - (PERSONS - n) * 1000);
    persons.push([randomUUID(), `${first} ${last}`, phone, email, at, at]);
  }
  const identities: (string | number | Date | null)[][] = [];
  const at = new Date(now);
  for (let n = 0; n < IDENTITIES; n++) {
    const inst = instances[n % instances.length];
    const personId = persons[Math.floor(rand() * PERSONS)][0] as string;
    identities.push([randomUUID(), personId, inst.id, inst.channel, `${inst.channel}-${100000000 + n}`, rand() < 0.6 ? `user_${n.toString(36)}` : null, Math.floor(rand() * 50), at, at]);
  }
  const started = performance.now();
  await bulkInsert(url, "Instance", [
    { name: "id", pg: "text" }, { name: "name", pg: "text" }, { name: "channel", pg: "text" }, { name: "createdAt", pg: "timestamp(3)" }, { name: "updatedAt", pg: "timestamp(3)" },
  ], instances.map((i) => [i.id, `bench-${i.channel}-${i.id.slice(0, 6)}`, i.channel, at, at]));
  await bulkInsert(url, "Person", [
    { name: "id", pg: "text" }, { name: "displayName", pg: "text" }, { name: "primaryPhone", pg: "text" }, { name: "primaryEmail", pg: "text" },
    { name: "createdAt", pg: "timestamp(3)" }, { name: "updatedAt", pg: "timestamp(3)" },
  ], persons);
  await bulkInsert(url, "PlatformIdentity", [
    { name: "id", pg: "text" }, { name: "personId", pg: "text" }, { name: "instanceId", pg: "text" }, { name: "channel", pg: "text" },
    { name: "platformUserId", pg: "text" }, { name: "platformUsername", pg: "text" }, { name: "messageCount", pg: "integer" },
    { name: "createdAt", pg: "timestamp(3)" }, { name: "updatedAt", pg: "timestamp(3)" },
  ], identities);
  await analyze(url);
  return { seedMs: performance.now() - started, instances };
}

export async function bench(): Promise<BenchRow[]> {
  process.env.OMNI_LOG ??= "silent";
  return withScratchDatabase("persons", (scratch) => run(scratch.url, scratch.db));
}

async function run(url: string, db: "sqlite" | "postgresql"): Promise<BenchRow[]> {
  const { seedMs, instances } = await seed(url);

  // The services use the process's one Prisma client: import them only now, on this database.
  const { prisma } = await import("../lib/db");
  const { Prisma } = await import("../lib/generated/prisma/client");
  const { systemPrincipal } = await import("../lib/auth/principal");
  const { searchPersons } = await import("../lib/persons/search-persons");
  const { mergePersons } = await import("../lib/persons/merge-persons");
  const counts = { persons: await prisma.person.count(), identities: await prisma.platformIdentity.count() };
  const admin = systemPrincipal("bench");

  // What people type, four kinds, each beside the same query as a LIKE/ILIKE '%q%' scan of the same
  // columns through the same client: a full name, 7 digits from the middle of a phone, a piece of
  // an email from its middle, a username without its first two characters (substrings, not prefixes).
  const rounds = Number(process.env.BENCH_SEARCH_ROUNDS ?? 25);
  const scanRounds = Math.min(rounds, Number(process.env.BENCH_SCAN_ROUNDS ?? 10)); // a scan takes ~0.3–1 s
  const skip = Math.min(5000, Math.floor(counts.persons / 4));
  const sample = await prisma.person.findMany({ where: { primaryPhone: { not: null } }, select: { displayName: true, primaryPhone: true }, orderBy: { createdAt: "asc" }, take: rounds, skip });
  const mails = await prisma.person.findMany({ where: { primaryEmail: { not: null } }, select: { primaryEmail: true }, orderBy: { createdAt: "asc" }, take: rounds, skip: skip + 500 });
  const users = await prisma.platformIdentity.findMany({ where: { platformUsername: { not: null } }, select: { platformUsername: true }, orderBy: { platformUserId: "asc" }, take: rounds, skip: Math.min(7000, Math.floor(counts.identities / 4)) });
  const kinds: { kind: string; queries: string[] }[] = [
    { kind: "name", queries: sample.map((s) => s.displayName!) },
    { kind: "phone fragment", queries: sample.map((s) => s.primaryPhone!.slice(4, 11)) },
    { kind: "email fragment", queries: mails.map((m) => { const e = m.primaryEmail!; const at = e.indexOf("@"); return e.slice(Math.max(0, at - 8), at + 4); }) },
    { kind: "username fragment", queries: users.map((u) => u.platformUsername!.slice(2)) },
  ];
  const opName = db === "postgresql" ? "ILIKE" : "LIKE";
  const op = Prisma.raw(opName);
  const scanFor = (q: string) => {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return prisma.$queryRaw`
      SELECT p."id" FROM "Person" p
       WHERE p."displayName" ${op} ${like} ESCAPE '\\' OR p."primaryPhone" ${op} ${like} ESCAPE '\\' OR p."primaryEmail" ${op} ${like} ESCAPE '\\'
          OR EXISTS (SELECT 1 FROM "PlatformIdentity" i WHERE i."personId" = p."id" AND (i."platformUsername" ${op} ${like} ESCAPE '\\' OR i."platformUserId" ${op} ${like} ESCAPE '\\'))
       LIMIT 21`;
  };
  const searchRows: BenchRow[] = [];
  let found = 0;
  for (const { kind, queries } of kinds) {
    for (const q of queries.slice(0, 3)) await searchPersons(admin, { q, limit: 20 }); // warm-up
    const search = await latencies(async (i) => {
      const r = await searchPersons(admin, { q: queries[i % queries.length], limit: 20 });
      if (r.items.length) found++;
    }, queries.length);
    const scan = await latencies((i) => scanFor(queries[i % queries.length]), scanRounds);
    searchRows.push(
      { key: `search-${kind}-p50`, name: `search p50, ${kind} (e.g. "${queries[0]}"; ratio = scan ÷ search)`, value: `${fmt(search.p50, 2)} ms`, baseline: `${opName} '%q%' scan ${fmt(scan.p50, 1)} ms`, ratio: ratio(scan.p50, search.p50) },
      { key: `search-${kind}-p95`, name: `search p95, ${kind}`, value: `${fmt(search.p95, 2)} ms`, baseline: `${opName} '%q%' scan ${fmt(scan.p95, 1)} ms`, ratio: ratio(scan.p95, search.p95) },
    );
  }
  const searched = kinds.reduce((n, k) => n + k.queries.length, 0);
  // Search pages: page 1 of a broad query (a common first name) and the page after 5,000 of its matches.
  const broad = sample[0].displayName!.split(" ")[0];
  const broadPage1 = await latencies(() => searchPersons(admin, { q: broad, limit: 25 }), 10);
  let broadCursor: string | null = null;
  let walked = 0;
  for (let c: string | undefined; walked < 5000; ) {
    const page = await searchPersons(admin, { q: broad, limit: 100, cursor: c });
    walked += page.items.length;
    broadCursor = page.nextCursor;
    if (!broadCursor) break;
    c = broadCursor;
  }
  const broadDeep = broadCursor ? await latencies(() => searchPersons(admin, { q: broad, limit: 25, cursor: broadCursor! }), 10) : null;

  // The persons list (no query: newest first), page 1 and a deep page, beside one indexed lookup.
  const someId = (await prisma.person.findFirst({ select: { id: true }, orderBy: { createdAt: "asc" } }))!.id;
  const lookup = await latencies(() => prisma.person.findUnique({ where: { id: someId } }), 50);
  const page1 = await latencies(() => searchPersons(admin, { limit: 25 }), 20);
  const deepOffset = Math.min(5000, Math.floor(counts.persons / 2));
  // a keyset cursor pointing half-way down the list (what `nextCursor` holds after that many rows)
  const mid = (await prisma.person.findFirst({ select: { id: true, createdAt: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: deepOffset }))!;
  const deepCursor = encodeCursor(newestFirst("persons"), [mid.createdAt, mid.id]);
  const deep = await latencies(() => searchPersons(admin, { limit: 25, cursor: deepCursor }), 10);

  // Merge: a person holding 1,000 identities into another, through the service; beside it the
  // bare data move of another such pair (identities re-pointed, source deleted, one transaction).
  const pairs = (await prisma.person.findMany({ select: { id: true }, orderBy: { createdAt: "asc" }, take: 4, skip: 100 })).map((p) => p.id);
  const now = new Date();
  for (const [k, personId] of [pairs[0], pairs[2]].entries()) {
    await prisma.platformIdentity.createMany({
      data: Array.from({ length: MERGE_IDENTITIES }, (_, n) => ({
        personId, instanceId: instances[n % instances.length].id, channel: instances[n % instances.length].channel,
        platformUserId: `merge-${k}-${n}`, platformUsername: `merge_user_${k}_${n}`, createdAt: now, updatedAt: now,
      })),
    });
  }
  const moving = await prisma.platformIdentity.count({ where: { personId: pairs[0] } });
  const t0 = performance.now();
  const merged = await mergePersons(admin, { sourceId: pairs[0], targetId: pairs[1], reason: "bench" });
  const mergeMs = performance.now() - t0;
  const movingBare = await prisma.platformIdentity.count({ where: { personId: pairs[2] } });
  const t1 = performance.now();
  await prisma.$transaction([
    prisma.platformIdentity.updateMany({ where: { personId: pairs[2] }, data: { personId: pairs[3] } }),
    prisma.person.delete({ where: { id: pairs[2] } }),
  ]);
  const bareMs = performance.now() - t1;

  return [
    { key: "data", name: "data set", value: `${fmt(counts.persons)} persons, ${fmt(counts.identities)} identities`, baseline: `seeded in ${fmt(seedMs / 1000, 1)} s (search index maintained on insert)` },
    ...searchRows,
    { key: "search-found", name: "search queries with at least one hit", value: `${fmt(found)} of ${fmt(searched)}` },
    { key: "search-broad-1", name: `search page 1 of a broad query ("${broad}", 25 rows), p50`, value: `${fmt(broadPage1.p50, 1)} ms (p95 ${fmt(broadPage1.p95, 1)})` },
    ...(broadDeep ? [{ key: "search-broad-deep", name: `the same search, page after ${fmt(walked)} matches, p50`, value: `${fmt(broadDeep.p50, 1)} ms (p95 ${fmt(broadDeep.p95, 1)})`, baseline: `page 1 ${fmt(broadPage1.p50, 1)} ms`, ratio: ratio(broadDeep.p50, broadPage1.p50) }] : [{ key: "search-broad-deep", name: "the same search, a page 5,000 matches deep", value: `only ${fmt(walked)} matches` }]),
    { key: "merge", name: `merge a person with ~${fmt(MERGE_IDENTITIES)} identities (one transaction, audited)`, value: `${fmt(mergeMs, 0)} ms (${fmt(merged.mergedIdentityIds.length)} of ${fmt(moving)} moved)`, baseline: `bare move of ${fmt(movingBare)}: ${fmt(bareMs, 0)} ms`, ratio: ratio(mergeMs, bareMs) },
    { key: "list-1", name: "persons list page 1 (25, newest first), p50", value: `${fmt(page1.p50, 1)} ms (p95 ${fmt(page1.p95, 1)})`, baseline: `findUnique by id ${fmt(lookup.p50, 2)} ms`, ratio: ratio(page1.p50, lookup.p50) },
    { key: "list-deep", name: `persons list page by cursor after ${fmt(deepOffset)} rows, p50`, value: `${fmt(deep.p50, 1)} ms (p95 ${fmt(deep.p95, 1)})`, baseline: `page 1 ${fmt(page1.p50, 1)} ms`, ratio: ratio(deep.p50, page1.p50) },
  ];
}
