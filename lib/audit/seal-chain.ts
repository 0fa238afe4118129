// The audit sealer: links committed, unsealed audit events into the hash chain, in batches, in a
// gap-free order. Writers never read the chain's tail or wait on each other (write-audit.ts); one
// sealer per deployment (startAuditSealer: lib/system/leader.ts) does the linking after commit.
//
// Order and horizon (PostgreSQL): every event records its writing transaction's id (txid). The
// sealer reads the horizon pg_snapshot_xmin(pg_current_snapshot()) — every transaction with a
// smaller id has finished — and seals only unsealed events below it, ordered by (txid, seq). A
// transaction that commits later has an id at or above the horizon, so it sorts after everything
// sealed so far: no event is ever skipped, and positions (chainSeq) have no gaps. (txid is stored
// zero-padded to 20 digits, so text order is numeric order.) The horizon is server-wide: a long
// transaction in any database of the same PostgreSQL server delays sealing (never correctness).
// SQLite runs one write transaction at a time and the sealer's own statements wait for it
// (lib/db/sqlite-serial-adapter.ts): every visible event is committed; order by seq.
import "server-only";
import { dbProvider, prisma } from "../db";
import { chainHash } from "./rules/hash";
import type { Tx } from "./write-audit";
import { startLeaderLoop, type LeaderLoop } from "../system/leader";
import { writeCheckpoint } from "./checkpoints";
import { log } from "../log";

/** Any constant: the transaction-scoped PostgreSQL lock that keeps two sealers from interleaving (writers never take it). */
const SEALER_LOCK = 74_280_003;

/** Takes the sealers' lock for the rest of the transaction (PostgreSQL; SQLite writes are serial). */
export async function lockSealer(tx: Tx): Promise<void> {
  if (dbProvider === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEALER_LOCK})`);
}

type Pending = { id: string; contentHash: string | null };
export type ChainHead = { chainSeq: number; hash: string };

/** Where the chain's head sits in the sealing order (PostgreSQL): its writing transaction and seq. */
export type HeadPosition = { txid: string | null; seq: number } | null;

/**
 * The next `take` unsealed events in sealing order. PostgreSQL: events without a txid (written
 * before the sealer) first, by seq; then those below the horizon after the head's position
 * (txid, seq) — every event before it is sealed (the order of events below a horizon is final),
 * so the index range starts there and never reads the unsealed versions that sealing left behind
 * as dead rows (until VACUUM, every sealed event's old version is still in the index with a null
 * hash: reading from the start, the scan grew with the chain — 7–13 ms at 20,000 events).
 */
async function pendingBelowHorizon(tx: Tx, take: number, head: HeadPosition): Promise<Pending[]> {
  if (dbProvider !== "postgresql") {
    return tx.auditEvent.findMany({ where: { hash: null }, orderBy: { seq: "asc" }, take, select: { id: true, contentHash: true } });
  }
  const legacy = await tx.$queryRawUnsafe<Pending[]>(
    `SELECT "id", "contentHash" FROM "AuditEvent" WHERE "hash" IS NULL AND "txid" IS NULL ORDER BY "seq" ASC LIMIT ${Math.trunc(take)}`,
  );
  if (legacy.length >= take) return legacy;
  const q = pendingAfterHead(head, await sealingHorizon(tx), take - legacy.length);
  return [...legacy, ...(await tx.$queryRawUnsafe<Pending[]>(q.sql, ...q.values))];
}

/**
 * PostgreSQL: the horizon pg_snapshot_xmin(pg_current_snapshot()) as 20-digit text (every
 * transaction with a smaller id has finished), comparable with the stored txids.
 */
export async function sealingHorizon(db: Tx = prisma): Promise<string> {
  const [{ xmin }] = await db.$queryRawUnsafe<{ xmin: string }[]>(`SELECT lpad(pg_snapshot_xmin(pg_current_snapshot())::text, 20, '0') AS xmin`);
  return xmin;
}

/**
 * PostgreSQL: the statement (text with $n placeholders, and its values) that reads the next
 * `take` unsealed events with a txid below `xmin` (20-digit text) after the head's position, in
 * sealing order (txid, seq). Exported for the test of its plan.
 */
export function pendingAfterHead(head: HeadPosition, xmin: string, take: number): { sql: string; values: unknown[] } {
  const after = head?.txid != null;
  return {
    sql: `SELECT "id", "contentHash" FROM "AuditEvent" WHERE "hash" IS NULL AND "txid" < $1 ${after ? `AND ("txid", "seq") > ($2::text, $3::int)` : ""}
     ORDER BY "txid" ASC, "seq" ASC LIMIT ${Math.trunc(take)}`,
    values: after ? [xmin, head!.txid, head!.seq] : [xmin],
  };
}

async function writeLinks(tx: Tx, links: { id: string; prevHash: string | null; hash: string; chainSeq: number }[]) {
  if (dbProvider === "postgresql") {
    const values = links.map((_, i) => `($${i * 4 + 1}::text, $${i * 4 + 2}::text, $${i * 4 + 3}::text, $${i * 4 + 4}::int)`).join(", ");
    await tx.$executeRawUnsafe(
      `UPDATE "AuditEvent" AS e SET "prevHash" = v.p, "hash" = v.h, "chainSeq" = v.c FROM (VALUES ${values}) AS v(id, p, h, c) WHERE e."id" = v.id`,
      ...links.flatMap((l) => [l.id, l.prevHash, l.hash, l.chainSeq]),
    );
    return;
  }
  for (const l of links) await tx.auditEvent.update({ where: { id: l.id }, data: { prevHash: l.prevHash, hash: l.hash, chainSeq: l.chainSeq } });
}

/** The last sealed event: its chain position and hash, and its place in the sealing order. */
async function headRow(db: Tx) {
  return db.auditEvent.findFirst({ where: { chainSeq: { not: null } }, orderBy: { chainSeq: "desc" }, select: { chainSeq: true, hash: true, txid: true, seq: true } });
}

const asChainHead = (r: Awaited<ReturnType<typeof headRow>>): ChainHead | null =>
  r?.chainSeq != null && r.hash ? { chainSeq: r.chainSeq, hash: r.hash } : null;

/** The last sealed event (chain position and hash), or null when nothing is sealed yet. */
export async function chainHead(db: Tx = prisma): Promise<ChainHead | null> {
  return asChainHead(await headRow(db));
}

/**
 * Seals every committed, unsealed event that is below the horizon, in batches of `batch` (one
 * transaction each), and returns how many it sealed and the chain's head after. Safe to call from
 * anywhere at any time (tests call it instead of waiting for the loop): sealers take a lock of
 * their own on PostgreSQL. An event written before this call started and committed is sealed by
 * it; one whose transaction is still open is left for the next call.
 */
export async function sealPending(opts: { batch?: number } = {}): Promise<{ sealed: number; head: ChainHead | null }> {
  const batch = opts.batch ?? 500;
  let sealed = 0;
  for (;;) {
    const r = await prisma.$transaction(async (tx) => {
      await lockSealer(tx);
      const top = await headRow(tx);
      const head = asChainHead(top);
      const pending = await pendingBelowHorizon(tx, batch, top && { txid: top.txid, seq: top.seq });
      let prev = head?.hash ?? null;
      let pos = head?.chainSeq ?? 0;
      const links = pending.map((e) => {
        if (!e.contentHash) throw new Error(`audit event ${e.id} has neither a hash nor a content hash`);
        const hash = chainHash(prev, ++pos, e.contentHash);
        const link = { id: e.id, prevHash: prev, hash, chainSeq: pos };
        prev = hash;
        return link;
      });
      if (links.length) await writeLinks(tx, links);
      return { count: links.length, head: prev ? { chainSeq: pos, hash: prev } : null };
    });
    sealed += r.count;
    if (r.count < batch) return { sealed, head: r.head };
  }
}

/** Milliseconds between sealer runs (the leader seals within about this long of a commit). */
const SEAL_INTERVAL_MS = Number(process.env.OMNI_AUDIT_SEAL_INTERVAL_MS) || 500;
/** A signed checkpoint of the head is written at most this often (and only when the head moved). */
const CHECKPOINT_INTERVAL_MS = 10_000;

/**
 * Starts this process's sealer loop: elected once per deployment (session advisory lock on
 * PostgreSQL), it seals every OMNI_AUDIT_SEAL_INTERVAL_MS (default 500 ms) and checkpoints the
 * head (lib/audit/checkpoints.ts) at most every 10 s when it moved. Returns the loop (stop()).
 */
export function startAuditSealer(): LeaderLoop {
  let lastCheckpoint = 0;
  let checkpointed: string | null = null;
  return startLeaderLoop({
    name: "audit-sealer",
    intervalMs: SEAL_INTERVAL_MS,
    tick: async () => {
      const { head } = await sealPending();
      if (head && head.hash !== checkpointed && Date.now() - lastCheckpoint >= CHECKPOINT_INTERVAL_MS) {
        lastCheckpoint = Date.now();
        await writeCheckpoint(head).catch((e) => log.warn("audit checkpoint failed", { error: e instanceof Error ? e.message : String(e) }));
        checkpointed = head.hash;
      }
    },
  });
}
