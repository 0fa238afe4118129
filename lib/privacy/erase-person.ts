// Erase a person (right to erasure): the person, their identities and the routes that target
// them are deleted, and every personal field about them in the audit trail becomes unreadable by
// destroying their data keys (crypto-shredding, lib/privacy) — the chain's bytes are untouched, so
// it still verifies. One transaction, audited `person.erase` with ids and the reason only.
import "server-only";
import { notFound } from "../errors";
import { requireScope, type Principal } from "../auth/principal";
import type { PersonErase } from "../persons/schemas";
import { writeAudit } from "../audit/write-audit";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { emitChange } from "../events/changes";
import { assertIfMatch, type IfMatch } from "../api/etag";
import { findPerson, personSnapshot, requireAllIdentitiesVisible } from "../persons/person-records";
import { destroySubjectKeys } from "./data-keys";
import { flushErasedPages } from "./flush-erased-pages";
import { absorbedPersons, forgetIdempotencyReplies, forgetPersonInWebhookDeliveries } from "./forget-person";

export type ErasureOutcome = {
  id: string;
  deleted: true;
  identityIds: string[];
  routeIds: string[];
  /** persons merged into this one earlier, whose data keys were destroyed too */
  absorbedPersonIds: string[];
  auditEventId: string;
};

/**
 * Erases person `id` (`persons:write`) for `input.reason`. 404 when unknown (or merged away, or not
 * visible to a restricted key); 403 when a restricted key cannot see every identity of the person.
 * `ifMatch` (a parsed If-Match) must match the person as read in the transaction, else 412.
 * Returns `{ id, deleted: true, identityIds, routeIds, absorbedPersonIds, auditEventId }`.
 * Afterwards, on SQLite, the write-ahead log is checkpointed and truncated (flushErasedPages), and
 * every cache is told (person and route change events, in every process).
 */
export async function erasePerson(p: Principal, id: string, input: PersonErase, ifMatch?: IfMatch): Promise<ErasureOutcome> {
  requireScope(p, "persons:write");
  await findPerson(p, id);
  const out = await auditedTransaction(async (tx) => {
    // Locked first: merges and links lock persons before identities, so nothing moves onto or off
    // the person while it is erased.
    await lockRows(tx, { person: [id] });
    assertIfMatch(ifMatch, await findPerson(p, id, tx)); // 412 when the person changed since the caller read it
    const snap = await personSnapshot(tx, id);
    if (!snap) throw notFound("Person");
    requireAllIdentitiesVisible(p, snap.identities);
    const absorbed = await absorbedPersons(tx, id);
    const identityIds = snap.identities.map((i) => i.id);
    const routes = await tx.agentRoute.findMany({ where: { personId: id }, select: { id: true, instanceId: true } });
    await tx.agentRoute.deleteMany({ where: { personId: id } });
    await tx.platformIdentity.deleteMany({ where: { personId: id } });
    await tx.person.delete({ where: { id } });
    const destroyedKeys = await destroySubjectKeys(tx, [id, ...absorbed, ...identityIds]);
    await forgetIdempotencyReplies(tx, [id, ...identityIds]);
    await forgetPersonInWebhookDeliveries(tx, [id, ...absorbed, ...identityIds]);
    const instanceIds = [...new Set(snap.identities.map((i) => i.instanceId))];
    const event = await writeAudit(tx, p, {
      action: "person.erase",
      targetType: "person",
      targetId: id,
      reason: input.reason,
      // ids only: nothing personal may be written about an erased person
      before: { identityIds, routeIds: routes.map((r) => r.id), absorbedPersonIds: absorbed, destroyedKeys },
      subjects: [
        { id, type: "person", instanceIds },
        ...snap.identities.map((i) => ({ id: i.id, type: "identity", instanceIds: [i.instanceId] })),
      ],
    });
    return { identityIds, routes, absorbed, auditEventId: event.id };
  });
  // SQLite: the erased rows' and destroyed keys' old pages leave the file and its log now
  await flushErasedPages();
  emitChange({ kind: "person", id });
  for (const instanceId of new Set(out.routes.map((r) => r.instanceId))) emitChange({ kind: "route", instanceId, personIds: [id] });
  return {
    id, deleted: true, identityIds: out.identityIds, routeIds: out.routes.map((r) => r.id),
    absorbedPersonIds: out.absorbed, auditEventId: out.auditEventId,
  };
}
