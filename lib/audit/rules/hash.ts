// The audit chain (pure). Two steps since the sealer (lib/audit/seal-chain.ts):
//   contentHash = SHA-256 of the event's canonical content (seq, at, actor, action, target,
//                 reason, before, after, request) — computed by the writer, in the request;
//   hash        = SHA-256 of "<prevHash>\n<chainSeq>\n<contentHash>" — computed by the sealer,
//                 which links committed events into one gap-free chain (chainSeq 1, 2, …).
// Events written before the sealer (contentHash null) keep their legacy hash, which covered the
// content and prevHash in one step (legacyAuditHash); their chainSeq is their seq.
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

export type AuditContent = {
  seq: number;
  at: Date | string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
};

export type HashableAuditEvent = AuditContent & { prevHash: string | null };

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

function contentBody(e: AuditContent) {
  const at = typeof e.at === "string" ? e.at : e.at.toISOString();
  // Only the named fields: a row read back from the database carries id/hash too.
  return {
    seq: e.seq, at, actorType: e.actorType, actorId: e.actorId ?? null, actorLabel: e.actorLabel ?? null,
    action: e.action, targetType: e.targetType, targetId: e.targetId ?? null, reason: e.reason ?? null,
    before: e.before ?? null, after: e.after ?? null, requestId: e.requestId ?? null, ip: e.ip ?? null,
    userAgent: e.userAgent ?? null,
  };
}

/** Hex SHA-256 of the event's content (everything but the chain link); the writer stores it. */
export function contentHash(e: AuditContent): string {
  return sha256(canonicalJson(contentBody(e)));
}

/** Hex SHA-256 linking an event (by its content hash) at chain position `chainSeq` to the previous hash. */
export function chainHash(prevHash: string | null, chainSeq: number, content: string): string {
  return sha256(`${prevHash ?? ""}\n${chainSeq}\n${content}`);
}

/** The hash of an event written before the sealer existed: content and prevHash in one step. */
export function legacyAuditHash(e: HashableAuditEvent): string {
  const body = canonicalJson({ ...contentBody(e), prevHash: e.prevHash ?? null });
  return sha256(`${e.prevHash ?? ""}\n${body}`);
}

export type SealedAuditEvent = HashableAuditEvent & {
  id: string;
  hash: string | null;
  chainSeq: number | null;
  contentHash: string | null;
};

/**
 * What is wrong with one sealed event given the previous event's hash, or null when it holds:
 * the link, the content (against its stored content hash), and the chain hash.
 */
export function sealedEventProblem(e: SealedAuditEvent, prev: string | null, expectedChainSeq: number): string | null {
  if (e.chainSeq !== expectedChainSeq) return `chain position ${e.chainSeq} where ${expectedChainSeq} was expected (an event is missing)`;
  if ((e.prevHash ?? null) !== prev) return "previous-hash link does not match";
  if (e.contentHash == null) return legacyAuditHash(e) !== e.hash ? "content does not match its hash" : null;
  if (contentHash(e) !== e.contentHash) return "content does not match its hash";
  if (chainHash(prev, expectedChainSeq, e.contentHash) !== e.hash) return "chain hash does not match";
  return null;
}

/** Returns the first event (in chain order, from position 1) that does not verify, or null when the chain holds. */
export function findChainBreak<T extends SealedAuditEvent>(events: Iterable<T>): { id: string; seq: number; problem: string } | null {
  let prev: string | null = null;
  let pos = 1;
  for (const e of events) {
    const problem = sealedEventProblem(e, prev, pos);
    if (problem) return { id: e.id, seq: e.seq, problem };
    prev = e.hash;
    pos++;
  }
  return null;
}
