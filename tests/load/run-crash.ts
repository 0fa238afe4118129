// `npm run test:crash`: kill -9 the app (two processes on PostgreSQL) in the middle of a stream of
// merges, links and unlinks, five times (OMNI_CRASH_ROUNDS); after each restart: every identity
// still belongs to exactly one existing person, none was lost, the audit chain verifies
// (`npm run admin -- audit-verify`), and every acknowledged operation's audit event is there.
// Odd rounds run with the audit sealer held back, so the kill falls between commit and seal
// (unsealed events are checked to exist then); after the restart the new cluster's sealer must seal
// every one of them within 10 s. Even rounds kill with the sealer running (mid-batch).
// Needs `npm run build`.
import { execFileSync } from "node:child_process";
import pg from "pg";
import { tsxArgs } from "../../scripts/lib/tsx";
import { startCluster, type Cluster } from "./cluster";
import { createKey } from "./seed";

const ROUNDS = Number(process.env.OMNI_CRASH_ROUNDS) || 5;
const PORT = Number(process.env.OMNI_CRASH_PORT) || 3196;
const NAME = `omni_crash_${process.pid}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  // The sealer's first run comes one interval after start: an hour holds it back for the round.
  const HOLD_SEALER = { OMNI_AUDIT_SEAL_INTERVAL_MS: "3600000" };
  let cluster: Cluster = await startCluster({ name: NAME, port: PORT, workers: 2, env: HOLD_SEALER });
  const base = `${cluster.url}/api/v1`;
  const key = await createKey(cluster.databaseUrl);
  const H = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: "POST", headers: H, body: JSON.stringify(body) });
  const inst = await (await post("/instances", { name: `crash-${Date.now()}`, channel: "whatsapp" })).json();
  const identityIds: string[] = [];
  const persons: string[] = [];
  for (let i = 0; i < 120; i++) {
    const r = await (await post("/persons", {
      displayName: `Crash ${i}`,
      identities: [0, 1].map((k) => ({ instanceId: inst.data.id, platformUserId: `crash-${i}-${k}` })),
    })).json();
    persons.push(r.data.id);
    identityIds.push(...r.data.identities.map((x: { id: string }) => x.id));
  }
  const acknowledged: string[] = [];
  let failures = 0;

  for (let round = 1; round <= ROUNDS; round++) {
    let stop = false;
    let n = 0;
    const stream = async (c: number) => {
      while (!stop) {
        const i = n++;
        const pick = (xs: string[]) => xs[(i * 7919 + c * 104729) % xs.length];
        const op = i % 3;
        try {
          const res =
            op === 0 ? await post("/persons/merge", { sourceId: pick(persons), targetId: persons[(i * 31 + c) % persons.length], reason: `crash ${round}` })
            : op === 1 ? await post("/identities/link", { identityA: pick(identityIds), identityB: identityIds[(i * 17 + c) % identityIds.length], reason: `crash ${round}` })
            : await post(`/identities/${pick(identityIds)}/unlink`, { reason: `crash ${round}` });
          const body = await res.json().catch(() => null);
          if (res.status === 200 && body?.data?.auditEventId) {
            acknowledged.push(body.data.auditEventId);
            if (op === 2 && body.data.person?.id) persons.push(body.data.person.id);
          } else if (res.status >= 500) failures++;
        } catch {
          /* the server is being killed: an unanswered request may or may not have committed */
        }
      }
    };
    const streams = Array.from({ length: 8 }, (_, c) => stream(c));
    await sleep(3000 + ((round * 977) % 3000));
    process.kill(-cluster.proc.pid!, "SIGKILL"); // primary and workers, mid-transaction
    stop = true;
    await Promise.all(streams);
    await sleep(300);
    const unsealedAtKill = await unsealed(cluster.databaseUrl);
    const held = round % 2 === 1;
    if (held && unsealedAtKill === 0) {
      console.error(`round ${round}: the sealer was held back, yet no event was unsealed at the kill`);
      process.exit(1);
    }
    // The next round holds the sealer back when it is odd. After a held round the restarted
    // cluster's own sealer must seal what the kill left (within 10 s); before a held round it is
    // held back itself, so `admin audit-seal` seals instead.
    const holdNext = (round + 1) % 2 === 1;
    cluster = await startCluster({ name: NAME, port: PORT, workers: 2, keepDatabase: true, env: holdNext ? HOLD_SEALER : {} });
    if (holdNext) {
      execFileSync(process.execPath, tsxArgs("scripts/admin.ts", "audit-seal"), { env: { ...process.env, DATABASE_URL: cluster.databaseUrl, OMNI_LOG: "silent" }, stdio: "pipe" });
    } else {
      for (let t = 0; t < 50 && (await unsealed(cluster.databaseUrl)) > 0; t++) await sleep(200); // the restarted sealer
    }
    console.log(`round ${round}: ${unsealedAtKill} event(s) unsealed at the kill${held ? " (sealer held back)" : ""}; ${await unsealed(cluster.databaseUrl)} after restart and sealing`);
    const problems = await check(cluster.databaseUrl, identityIds, acknowledged);
    console.log(`round ${round}: ${acknowledged.length} operations acknowledged so far; ${problems.length ? `PROBLEMS: ${problems.join("; ")}` : "invariants hold, audit chain verifies"}`);
    if (problems.length) {
      await cluster.stop();
      process.exit(1);
    }
  }
  await cluster.stop();
  if (failures) {
    console.error(`✗ ${failures} requests answered 5xx while the app was up`);
    process.exit(1);
  }
  console.log(`\n✓ ${ROUNDS} kill -9 rounds: no identity lost, every acknowledged operation audited, chain intact`);
}

async function unsealed(databaseUrl: string): Promise<number> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "hash" IS NULL`)).rows[0].n;
  } finally {
    await db.end();
  }
}

async function check(databaseUrl: string, identityIds: string[], acknowledged: string[]): Promise<string[]> {
  const problems: string[] = [];
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const ids = await db.query(`SELECT count(*)::int AS n FROM "PlatformIdentity" WHERE id = ANY($1)`, [identityIds]);
    if (ids.rows[0].n !== identityIds.length) problems.push(`${identityIds.length - ids.rows[0].n} identities lost`);
    const orphans = await db.query(`SELECT count(*)::int AS n FROM "PlatformIdentity" i LEFT JOIN "Person" p ON p.id = i."personId" WHERE p.id IS NULL`);
    if (orphans.rows[0].n) problems.push(`${orphans.rows[0].n} identities without a person`);
    const events = await db.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE id = ANY($1)`, [acknowledged]);
    if (events.rows[0].n !== new Set(acknowledged).size) problems.push(`${new Set(acknowledged).size - events.rows[0].n} acknowledged operations have no audit event`);
    const open = await db.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "hash" IS NULL`);
    if (open.rows[0].n) problems.push(`${open.rows[0].n} events still unsealed after the restart`);
  } finally {
    await db.end();
  }
  try {
    execFileSync(process.execPath, tsxArgs("scripts/admin.ts", "audit-verify"), {
      env: { ...process.env, DATABASE_URL: databaseUrl, OMNI_LOG: "silent", OMNI_AUDIT_CHECKPOINT_FILE: `.tmp/cluster/${NAME}-checkpoints.ndjson` }, stdio: "pipe",
    });
  } catch (e) {
    problems.push(`audit-verify failed: ${String((e as { stdout?: Buffer }).stdout ?? e).trim()}`);
  }
  return problems;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
