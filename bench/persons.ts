// Person search, merge and list pages at scale: 100,000 persons with 200,000 identities in a
// scratch database (SQLite or PostgreSQL, see bench/lib.ts). Search goes through the real service
// (SQLite: FTS5 kept by triggers; PostgreSQL: full-text over GIN expression indexes); the in-run
// baseline is a LIKE '%q%' (PostgreSQL: ILIKE) scan of the same columns with the same queries,
// through the same Prisma client. Merge of a person with 1,000 identities through the real service
// (one transaction + audit snapshot) beside the bare data move (updateMany + delete). The persons
// list (newest first) at page 1 and at offset 50,000.
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

  // What people type: name prefixes of growing length, a username, digits of a phone, an email part.
  const sample = await prisma.person.findMany({ where: { primaryPhone: { not: null } }, select: { displayName: true, primaryPhone: true }, orderBy: { createdAt: "asc" }, take: 200, skip: Math.min(5000, Math.floor(counts.persons / 4)) });
  const users = await prisma.platformIdentity.findMany({ where: { platformUsername: { not: null } }, select: { platformUsername: true }, orderBy: { platformUserId: "asc" }, take: 100, skip: Math.min(7000, Math.floor(counts.identities / 4)) });
  const queries: string[] = [];
  // A LIKE '%q%' scan takes seconds per query at this size: 25 rounds (100 queries) keeps the run short.
  for (let i = 0; i < Number(process.env.BENCH_SEARCH_ROUNDS ?? 25); i++) {
    const name = sample[i].displayName!;
    const first = name.split(" ")[0];
    queries.push(first.slice(0, 3), name.slice(0, Math.min(name.length, 8)), users[i].platformUsername!, sample[i + 100].primaryPhone!.slice(2, 9));
  }
  // The baseline: the same columns scanned with a case-insensitive substring match, same client.
  const opName = db === "postgresql" ? "ILIKE" : "LIKE";
  const op = Prisma.raw(opName);
  const scanFor = (q: string) => {
    const like = `%${q}%`;
    return prisma.$queryRaw`
      SELECT p."id" FROM "Person" p
       WHERE p."displayName" ${op} ${like} OR p."primaryPhone" ${op} ${like} OR p."primaryEmail" ${op} ${like}
          OR EXISTS (SELECT 1 FROM "PlatformIdentity" i WHERE i."personId" = p."id" AND (i."platformUsername" ${op} ${like} OR i."platformUserId" ${op} ${like}))
       LIMIT 21`;
  };
  const fts = await latencies((i) => searchPersons(admin, { q: queries[i % queries.length], limit: 20 }), queries.length);
  const scan = await latencies((i) => scanFor(queries[i % queries.length]), queries.length);

  // The persons list (no query: newest first), page 1 and a deep page, beside one indexed lookup.
  const someId = (await prisma.person.findFirst({ select: { id: true }, orderBy: { createdAt: "asc" } }))!.id;
  const lookup = await latencies(() => prisma.person.findUnique({ where: { id: someId } }), 50);
  const page1 = await latencies(() => searchPersons(admin, { limit: 25 }), 20);
  const deepOffset = Math.floor(counts.persons / 2);
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
    { key: "search-p50", name: `search p50 (${queries.length} queries: name prefixes, usernames, phone digits; ratio = scan ÷ search)`, value: `${fmt(fts.p50, 2)} ms`, baseline: `${opName} '%q%' scan ${fmt(scan.p50, 2)} ms`, ratio: ratio(scan.p50, fts.p50) },
    { key: "search-p95", name: "search p95", value: `${fmt(fts.p95, 2)} ms`, baseline: `${opName} '%q%' scan ${fmt(scan.p95, 2)} ms`, ratio: ratio(scan.p95, fts.p95) },
    { key: "search-p99", name: "search p99", value: `${fmt(fts.p99, 2)} ms`, baseline: `${opName} '%q%' scan ${fmt(scan.p99, 2)} ms`, ratio: ratio(scan.p99, fts.p99) },
    { key: "merge", name: `merge a person with ~${fmt(MERGE_IDENTITIES)} identities (one transaction, audited)`, value: `${fmt(mergeMs, 0)} ms (${fmt(merged.mergedIdentityIds.length)} of ${fmt(moving)} moved)`, baseline: `bare move of ${fmt(movingBare)}: ${fmt(bareMs, 0)} ms`, ratio: ratio(mergeMs, bareMs) },
    { key: "list-1", name: "persons list page 1 (25, newest first), p50", value: `${fmt(page1.p50, 1)} ms (p95 ${fmt(page1.p95, 1)})`, baseline: `findUnique by id ${fmt(lookup.p50, 2)} ms`, ratio: ratio(page1.p50, lookup.p50) },
    { key: "list-deep", name: `persons list page by cursor after ${fmt(deepOffset)} rows, p50`, value: `${fmt(deep.p50, 1)} ms (p95 ${fmt(deep.p95, 1)})`, baseline: `page 1 ${fmt(page1.p50, 1)} ms`, ratio: ratio(deep.p50, page1.p50) },
  ];
}
