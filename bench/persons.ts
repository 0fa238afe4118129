// Person search and merge at scale: 100,000 persons with 200,000 identities in a scratch SQLite
// database. Search goes through the real service (FTS5 index kept by triggers); the in-run
// baseline is a LIKE '%q%' scan of the same tables with the same queries. Merge time is for a
// person with 1,000 identities, through the real service (one transaction + audit snapshot).
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { fmt, latencies, ratio, type BenchRow } from "./lib";
import { NAME_ORIGINS } from "../scripts/lib/demo-data";

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const IDENTITIES = PERSONS * 2;
const MERGE_IDENTITIES = 1_000;
const DATA_DIR = path.resolve("bench/.data");

/** Deterministic pseudo-random numbers, so every run searches the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function seed(file: string) {
  const rand = rng(42);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const now = new Date().toISOString();
  const channels = ["whatsapp", "telegram", "discord", "slack", "email", "sms"] as const;
  const instances = channels.map((channel) => ({ id: randomUUID(), channel }));
  const insInstance = db.prepare(`INSERT INTO "Instance" (id, name, channel, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`);
  const insPerson = db.prepare(`INSERT INTO "Person" (id, displayName, primaryPhone, primaryEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`);
  const insIdentity = db.prepare(`INSERT INTO "PlatformIdentity" (id, personId, instanceId, channel, platformUserId, platformUsername, messageCount, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const personIds: string[] = [];
  const started = performance.now();
  db.transaction(() => {
    for (const i of instances) insInstance.run(i.id, `bench-${i.channel}-${i.id.slice(0, 6)}`, i.channel, now, now);
    for (let n = 0; n < PERSONS; n++) {
      const origin = pick(NAME_ORIGINS);
      const first = pick(origin.first);
      const last = pick(origin.last);
      const id = randomUUID();
      personIds.push(id);
      const phone = rand() < 0.7 ? `+1${String(2000000000 + Math.floor(rand() * 7999999999)).slice(0, 10)}` : null;
      const email = rand() < 0.5 ? `${first}.${last}${n}@example.com`.toLowerCase().normalize("NFKD").replace(/[^\x20-\x7e]/g, "") : null;
      insPerson.run(id, `${first} ${last}`, phone, email, now, now);
    }
    for (let n = 0; n < IDENTITIES; n++) {
      const inst = instances[n % instances.length];
      const personId = personIds[Math.floor(rand() * PERSONS)];
      insIdentity.run(randomUUID(), personId, inst.id, inst.channel, `${inst.channel}-${100000000 + n}`, rand() < 0.6 ? `user_${n.toString(36)}` : null, Math.floor(rand() * 50), now, now);
    }
  })();
  const seedMs = performance.now() - started;
  db.close();
  return { seedMs, instances };
}

export async function bench(): Promise<BenchRow[]> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, "persons.db");
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  process.env.DATABASE_URL = `file:${file}`;
  process.env.OMNI_LOG ??= "silent";
  const { migrate } = await import("../scripts/db-migrate");
  await migrate(process.env.DATABASE_URL, true);
  const { seedMs, instances } = seed(file);

  // The services use the process's one Prisma client: import them only now, on this database.
  const { prisma } = await import("../lib/db");
  const { systemPrincipal } = await import("../lib/auth/principal");
  const { searchPersons } = await import("../lib/services/person-search");
  const { mergePersons } = await import("../lib/services/person-merge");
  const [dbFile] = await prisma.$queryRawUnsafe<{ file: string }[]>(`SELECT file FROM pragma_database_list WHERE name = 'main'`);
  if (path.resolve(dbFile.file) !== path.resolve(file)) throw new Error(`persons bench expected ${file} but the client is on ${dbFile.file}`);
  const counts = { persons: await prisma.person.count(), identities: await prisma.platformIdentity.count() };
  const admin = systemPrincipal("bench");

  // What people type: name prefixes of growing length, a username, digits of a phone, an email part.
  const sample = await prisma.person.findMany({ where: { primaryPhone: { not: null } }, select: { displayName: true, primaryPhone: true }, take: 200, skip: 5000 });
  const users = await prisma.platformIdentity.findMany({ where: { platformUsername: { not: null } }, select: { platformUsername: true }, take: 100, skip: 7000 });
  const queries: string[] = [];
  // A LIKE '%q%' scan takes seconds per query at this size: 25 rounds (100 queries) keeps the run short.
  for (let i = 0; i < Number(process.env.BENCH_SEARCH_ROUNDS ?? 25); i++) {
    const name = sample[i].displayName!;
    const first = name.split(" ")[0];
    queries.push(first.slice(0, 3), name.slice(0, Math.min(name.length, 8)), users[i].platformUsername!, sample[i + 100].primaryPhone!.slice(2, 9));
  }
  const likeScan = new Database(file, { readonly: true });
  const like = likeScan.prepare(`
    SELECT p.id FROM "Person" p
     WHERE p.displayName LIKE @q OR p.primaryPhone LIKE @q OR p.primaryEmail LIKE @q
        OR EXISTS (SELECT 1 FROM "PlatformIdentity" i WHERE i.personId = p.id AND (i.platformUsername LIKE @q OR i.platformUserId LIKE @q))
     LIMIT 21`);

  const fts = await latencies((i) => searchPersons(admin, { q: queries[i % queries.length], limit: 20 }), queries.length);
  const scan = await latencies((i) => like.all({ q: `%${queries[i % queries.length]}%` }), queries.length);
  likeScan.close();

  // Merge: a person holding 1,000 identities into another person.
  const ids = (await prisma.person.findMany({ select: { id: true }, take: 2, skip: 100 })).map((p) => p.id);
  const [sourceId, targetId] = ids;
  const now = new Date();
  await prisma.platformIdentity.createMany({
    data: Array.from({ length: MERGE_IDENTITIES }, (_, n) => ({
      personId: sourceId, instanceId: instances[n % instances.length].id, channel: instances[n % instances.length].channel,
      platformUserId: `merge-${n}`, platformUsername: `merge_user_${n}`, createdAt: now, updatedAt: now,
    })),
  });
  const moving = await prisma.platformIdentity.count({ where: { personId: sourceId } });
  const t0 = performance.now();
  const merged = await mergePersons(admin, { sourceId, targetId, reason: "bench" });
  const mergeMs = performance.now() - t0;
  // (The client stays connected: a later part of the same run may use it.)

  return [
    { name: "data set", value: `${fmt(counts.persons)} persons, ${fmt(counts.identities)} identities (seeded in ${fmt(seedMs / 1000, 1)} s with the FTS triggers on)` },
    { name: `search p50 (${queries.length} queries: name prefixes, usernames, phone digits)`, value: `${fmt(fts.p50, 2)} ms`, baseline: `LIKE '%q%' scan ${fmt(scan.p50, 2)} ms`, ratio: ratio(scan.p50, fts.p50) },
    { name: "search p95", value: `${fmt(fts.p95, 2)} ms`, baseline: `LIKE '%q%' scan ${fmt(scan.p95, 2)} ms`, ratio: ratio(scan.p95, fts.p95) },
    { name: "search p99", value: `${fmt(fts.p99, 2)} ms`, baseline: `LIKE '%q%' scan ${fmt(scan.p99, 2)} ms`, ratio: ratio(scan.p99, fts.p99) },
    { name: `merge a person with ${fmt(moving)} identities (one transaction, audited)`, value: `${fmt(mergeMs, 0)} ms`, baseline: `${fmt(merged.mergedIdentityIds.length)} identities moved` },
  ];
}
