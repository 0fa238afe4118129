// Verifies the audit chain: walks the sealed events in chain order (each link, content hash and
// chain hash), counts the events not sealed yet, and checks the signed checkpoints of the head
// (lib/audit/checkpoints.ts) against the chain — which is how a removed tail is detected.
import "server-only";
import { prisma } from "../db";
import { contentHash, sealedEventProblem, type SealedAuditEvent } from "./rules/hash";
import { checkpointKey, checkpointSignatureValid, readCheckpoints, type Checkpoint } from "./checkpoints";

export type ChainVerification = {
  ok: boolean;
  /** Sealed events verified (chain positions 1..checked). */
  checked: number;
  /** The last verified chain position (0 when nothing is sealed). */
  sealedThrough: number;
  /** Events written but not sealed yet, and the age in milliseconds of the oldest of them (null when none). */
  unsealed: { count: number; oldestAgeMs: number | null };
  /** The first sealed event that does not verify. */
  brokenAt: { id: string; seq: number; problem: string } | null;
  /** Checkpoints read, and the first one that the chain contradicts (removed tail, rewritten event, bad signature). */
  checkpoints: { checked: number; signed: boolean; problem: string | null };
};

/**
 * Verifies the chain (reading `batch` events at a time) and the given checkpoints (default: the
 * checkpoint file). ok is false when a sealed event does not verify or a checkpoint is
 * contradicted; unsealed events alone do not make it fail (they are reported with their age).
 */
export async function verifyAuditChain(batch = 1000, checkpoints: Checkpoint[] = readCheckpoints()): Promise<ChainVerification> {
  const wanted = new Map<number, string>(); // chain position → hash found there
  const positions = new Set(checkpoints.map((c) => c.chainSeq));
  let prev: string | null = null;
  let pos = 0;
  let brokenAt: ChainVerification["brokenAt"] = null;
  for (;;) {
    const rows = (await prisma.auditEvent.findMany({
      where: { chainSeq: { gt: pos } }, orderBy: { chainSeq: "asc" }, take: batch,
    })) as unknown as SealedAuditEvent[];
    if (!rows.length) break;
    for (const e of rows) {
      const problem = sealedEventProblem(e, prev, pos + 1);
      if (problem) { brokenAt = { id: e.id, seq: e.seq, problem }; break; }
      prev = e.hash;
      pos++;
      if (positions.has(pos)) wanted.set(pos, e.hash!);
    }
    if (brokenAt) break;
  }
  // Unsealed events: not in the chain yet, but their content must still match their content hash.
  let count = 0;
  let oldestAt: Date | null = null;
  for (let afterSeq = 0; ;) {
    const rows = (await prisma.auditEvent.findMany({
      where: { hash: null, seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: batch,
    })) as unknown as (SealedAuditEvent & { at: Date })[];
    if (!rows.length) break;
    for (const e of rows) {
      if (!brokenAt && (!e.contentHash || contentHash(e) !== e.contentHash)) brokenAt = { id: e.id, seq: e.seq, problem: "content does not match its hash" };
      count++;
      if (!oldestAt || e.at < oldestAt) oldestAt = e.at;
    }
    afterSeq = rows[rows.length - 1].seq;
  }
  const key = checkpointKey();
  let cpProblem: string | null = null;
  for (const c of checkpoints) {
    if (key && !checkpointSignatureValid(c, key)) cpProblem = `checkpoint of ${c.at} (position ${c.chainSeq}) has no valid signature`;
    else if (!brokenAt && c.chainSeq > pos) cpProblem = `events removed: checkpoint of ${c.at} saw the chain at position ${c.chainSeq}, it now ends at ${pos}`;
    else if (wanted.has(c.chainSeq) && wanted.get(c.chainSeq) !== c.hash) cpProblem = `event at position ${c.chainSeq} differs from the checkpoint of ${c.at}`;
    if (cpProblem) break;
  }
  return {
    ok: !brokenAt && !cpProblem,
    checked: pos,
    sealedThrough: pos,
    unsealed: { count, oldestAgeMs: oldestAt ? Math.max(0, Date.now() - oldestAt.getTime()) : null },
    brokenAt,
    checkpoints: { checked: checkpoints.length, signed: !!key, problem: cpProblem },
  };
}

/** One line for people: "sealed through N; K unsealed, all younger than T" and what is wrong, if anything. */
export function describeVerification(r: ChainVerification): string {
  const age = r.unsealed.oldestAgeMs == null ? "" : `, all younger than ${Math.ceil(r.unsealed.oldestAgeMs / 1000)} s`;
  const base = `Audit chain sealed through ${r.sealedThrough}; ${r.unsealed.count} unsealed${age}; ${r.checkpoints.checked} checkpoint(s)${r.checkpoints.checked && !r.checkpoints.signed ? " (signature not checked: no OMNI_AUDIT_CHECKPOINT_KEY)" : ""}.`;
  if (r.brokenAt) return `Audit chain BROKEN at event ${r.brokenAt.id} (#${r.brokenAt.seq}): ${r.brokenAt.problem}. ${base}`;
  if (r.checkpoints.problem) return `Audit chain BROKEN: ${r.checkpoints.problem}. ${base}`;
  return `${base} Intact.`;
}
