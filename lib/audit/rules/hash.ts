// The audit chain (pure): each event's hash covers its content and the previous event's hash.
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

export type HashableAuditEvent = {
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
  prevHash: string | null;
};

export function auditHash(e: HashableAuditEvent): string {
  const at = typeof e.at === "string" ? e.at : e.at.toISOString();
  // Only the named fields: a row read back from the database carries id/hash too.
  const body = canonicalJson({
    seq: e.seq, at, actorType: e.actorType, actorId: e.actorId ?? null, actorLabel: e.actorLabel ?? null,
    action: e.action, targetType: e.targetType, targetId: e.targetId ?? null, reason: e.reason ?? null,
    before: e.before ?? null, after: e.after ?? null, requestId: e.requestId ?? null, ip: e.ip ?? null,
    userAgent: e.userAgent ?? null, prevHash: e.prevHash ?? null,
  });
  return createHash("sha256").update(`${e.prevHash ?? ""}\n${body}`).digest("hex");
}

/** Returns the first event whose hash or link does not match, or null when the chain holds. */
export function findChainBreak<T extends HashableAuditEvent & { id: string; hash: string }>(
  events: Iterable<T>,
): { id: string; seq: number; problem: string } | null {
  let prev: string | null = null;
  for (const e of events) {
    if ((e.prevHash ?? null) !== prev) return { id: e.id, seq: e.seq, problem: "previous-hash link does not match" };
    if (auditHash(e) !== e.hash) return { id: e.id, seq: e.seq, problem: "content does not match its hash" };
    prev = e.hash;
  }
  return null;
}
