// Link two identities: every identity belongs to exactly one person, so linking identities of two
// persons merges B's person into A's (and says so), in one transaction with its identity.link event.
import { count } from "../format/count";
import "server-only";
import { conflict, notFound } from "../errors";
import { requireScope, type Principal } from "../auth/principal";
import type { LinkInput } from "./schemas";
import { auditedTransaction, lockIdentitiesWithPersons } from "../db/audited-transaction";
import { mergeInTx } from "./merge-persons";
import { findPerson, findVisibleIdentity } from "./person-records";

/** Links identityB's person into identityA's (`persons:write`); 409 when already on one person. */
export async function linkIdentities(p: Principal, input: LinkInput) {
  requireScope(p, "persons:write");
  if (input.identityA === input.identityB) throw conflict("Cannot link an identity to itself.");
  const a = await findVisibleIdentity(p, input.identityA, "Identity A");
  const b = await findVisibleIdentity(p, input.identityB, "Identity B");
  if (a.personId === b.personId) {
    throw conflict("Both identities are already on the same person.", { personId: a.personId });
  }
  const { outcome, person } = await auditedTransaction(async (tx) => {
    // Both identities and their persons locked (persons first): the identities may have moved
    // since they were read above, and cannot move again before this commits.
    const owners = await lockIdentitiesWithPersons(tx, [a.id, b.id]);
    const [ta, tb] = [owners.get(a.id), owners.get(b.id)].map((personId) => (personId ? { personId } : null));
    if (!ta || !tb) throw notFound("Identity");
    if (ta.personId === tb.personId) throw conflict("Both identities are already on the same person.", { personId: ta.personId });
    const outcome = await mergeInTx(tx, p, tb.personId, ta.personId, input.reason ?? null, {
      action: "identity.link",
      targetType: "identity",
      targetId: b.id,
      before: { identityA: a.id, identityB: b.id },
      after: { identityA: a.id, identityB: b.id, merged: true },
      subjects: [a.id, b.id],
    });
    // read in the same transaction (see mergePersons)
    return { outcome, person: await findPerson(p, outcome.targetId, tx) };
  });
  return {
    person,
    merged: true,
    mergedPersonId: outcome.sourceId,
    mergedIdentityIds: outcome.mergedIdentityIds,
    message: `Identity B's person was merged into identity A's person (${count(outcome.mergedIdentityIds.length, "identity")} moved).`,
    auditEventId: outcome.auditEventId,
  };
}

