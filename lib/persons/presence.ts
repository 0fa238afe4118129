// Presence: where and when a person was last seen, from their identities' activity counters.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { notFound } from "../errors";
import { canSeeInstance, requireScope, type Principal } from "../auth/principal";
import { summarizePresence } from "./rules/presence";
import type { ActivityInput } from "./schemas";
import { getPerson } from "./get-person";
import { identityFields } from "./person-records";

export async function getPresence(p: Principal, personId: string, now = new Date()) {
  const person = await getPerson(p, personId);
  const { summary, byChannel } = summarizePresence(person.identities, now);
  return { personId, summary, byChannel, identities: person.identities };
}

/**
 * POST /identities/:id/activity: the hub reports that an identity was seen (and how many
 * messages it sent). Counters only move forward; not audited (it is telemetry, not a change), and
 * it never invalidates cached route resolutions.
 */
export async function recordActivity(p: Principal, identityId: string, input: ActivityInput) {
  requireScope(p, "persons:write");
  const at = input.at ? new Date(input.at) : new Date();
  const row = await auditedTransaction(async (tx) => {
    const cur = await tx.platformIdentity.findUnique({ where: { id: identityId }, select: { instanceId: true, firstSeenAt: true, lastSeenAt: true } });
    if (!cur || !canSeeInstance(p, cur.instanceId)) throw notFound("Identity");
    return tx.platformIdentity.update({
      where: { id: identityId },
      data: {
        firstSeenAt: !cur.firstSeenAt || at < cur.firstSeenAt ? at : undefined,
        lastSeenAt: !cur.lastSeenAt || at > cur.lastSeenAt ? at : undefined,
        messageCount: { increment: input.messages ?? 0 },
      },
      select: identityFields,
    });
  });
  // No change event: presence never changes which route answers, so cached resolutions stay.
  return row;
}
