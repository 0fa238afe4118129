// Merged-away person ids: where a person that no longer exists went, read from the audit trail's
// merge events (person.merge, and identity.link, which merges two persons the same way). A merge
// that was reverted (an audit.revert event targets it) no longer counts: the old id lives again.
import "server-only";
import { prisma } from "../db";
import { AppError, notFound } from "../errors";
import { requireScope, type Principal } from "../auth/principal";
import type { Tx } from "../audit/write-audit";

type Db = Tx | typeof prisma;

/** Where a merged-away person went: the person that exists now, and the merge that took the id away. */
export type MergedAway = {
  /** id of the person that exists now (after following successive merges) */
  mergedInto: string;
  /** when `id` itself was merged away (ISO 8601 UTC) */
  mergedAt: string;
  /** the audit event (person.merge or identity.link) that merged `id` away */
  auditEventId: string;
};

const MERGE_ACTIONS = ["person.merge", "identity.link"];
const MAX_HOPS = 100;

type Hop = { eventId: string; at: Date; into: string };

/** The latest unreverted merge that deleted `id`, and the person it went into; null when none. */
async function mergeOf(db: Db, id: string): Promise<Hop | null> {
  const events = await db.auditEvent.findMany({
    where: { action: { in: MERGE_ACTIONS }, subjects: { some: { subjectId: id } } },
    select: { id: true, at: true, after: true },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 20,
  });
  for (const e of events) {
    const after = (e.after ?? {}) as { deletedPersonId?: unknown; person?: { id?: unknown } | null };
    if (after.deletedPersonId !== id || typeof after.person?.id !== "string") continue;
    const reverted = await db.auditEvent.findFirst({ where: { action: "audit.revert", targetId: e.id }, select: { id: true } });
    if (reverted) continue;
    return { eventId: e.id, at: e.at, into: after.person.id };
  }
  return null;
}

/**
 * Where the person `id` went if it was merged away: `{ mergedInto, mergedAt, auditEventId }`,
 * following successive merges (A into B, then B into C: A's `mergedInto` is C) to the person that
 * exists now. `mergedAt` and `auditEventId` are those of the merge that took `id` itself away.
 * Null when `id` exists, was never merged away, its merge was reverted, or the chain ends at a
 * person that no longer exists for another reason (erased). Pass the transaction when inside one.
 */
export async function mergedAwayInfo(id: string, db: Db = prisma): Promise<MergedAway | null> {
  if (await db.person.findUnique({ where: { id }, select: { id: true } })) return null;
  const first = await mergeOf(db, id);
  if (!first) return null;
  let cur = first.into;
  const seen = new Set([id]);
  for (let hop = 0; hop < MAX_HOPS && !seen.has(cur); hop++) {
    if (await db.person.findUnique({ where: { id: cur }, select: { id: true } })) {
      return { mergedInto: cur, mergedAt: first.at.toISOString(), auditEventId: first.eventId };
    }
    seen.add(cur);
    const next = await mergeOf(db, cur);
    if (!next) return null;
    cur = next.into;
  }
  return null;
}

/**
 * The 404 `NOT_FOUND` for a person id that is not (or no longer) there. When the id was merged
 * away and the principal may see the person it went into, `details` are `{ mergedInto, mergedAt,
 * auditEventId }` and the message says where it went; otherwise the plain "`what` not found.".
 * `p` null: no visibility check (callers that checked the instance restriction themselves).
 */
export async function personNotFound(p: Principal | null, id: string, what = "Person", db: Db = prisma): Promise<AppError> {
  const info = await mergedAwayInfo(id, db);
  if (!info) return notFound(what);
  const visible = !p || await db.person.findFirst({ where: { id: info.mergedInto, ...(p.instanceIds === null ? {} : { identities: { some: { instanceId: { in: p.instanceIds } } } }) }, select: { id: true } });
  if (!visible) return notFound(what);
  return new AppError("NOT_FOUND", `${what} not found: it was merged into ${info.mergedInto} at ${info.mergedAt}.`, { ...info });
}

/**
 * For the person page of a merged-away id (`persons:read`): where it went and the merge that
 * took it away — who (the actor's label), when, why — with the survivor's display name. Null when
 * the id was not merged away or the principal may not see the survivor.
 */
export async function describeMergedAway(p: Principal, id: string) {
  requireScope(p, "persons:read");
  const e = await personNotFound(p, id);
  const info = e.details as MergedAway | undefined;
  if (!info?.mergedInto) return null;
  const [event, survivor] = await Promise.all([
    prisma.auditEvent.findUnique({ where: { id: info.auditEventId }, select: { actorLabel: true, reason: true, action: true } }),
    prisma.person.findUnique({ where: { id: info.mergedInto }, select: { displayName: true } }),
  ]);
  return { ...info, by: event?.actorLabel ?? null, reason: event?.reason ?? null, action: event?.action ?? "person.merge", survivorName: survivor?.displayName ?? null };
}
