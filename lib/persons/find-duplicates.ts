// "Possible duplicates": merge suggestions from shared phones, emails and near-identical names
// across channels (rules in lib/persons/rules/duplicates.ts), with the two persons to compare.
import "server-only";
import { prisma } from "../db";
import { requireScope, type Principal } from "../auth/principal";
import { findDuplicatePairs, type DuplicateCandidate } from "./rules/duplicates";
import { visiblePersons } from "./person-records";
import { personListItems } from "./search-persons";

export async function duplicateSuggestions(p: Principal, limit = 50) {
  requireScope(p, "persons:read");
  const [persons, channelRows] = await Promise.all([
    prisma.person.findMany({ where: visiblePersons(p), select: { id: true, displayName: true, primaryPhone: true, primaryEmail: true } }),
    prisma.platformIdentity.groupBy({ by: ["personId", "channel"] }),
  ]);
  const channels = new Map<string, string[]>();
  for (const r of channelRows) channels.set(r.personId, [...(channels.get(r.personId) ?? []), r.channel]);
  const candidates: DuplicateCandidate[] = persons.map((r) => ({ ...r, channels: channels.get(r.id) ?? [] }));
  const pairs = findDuplicatePairs(candidates, limit);
  const items = await personListItems(p, [...new Set(pairs.flatMap((x) => [x.aId, x.bId]))]);
  const byId = new Map(items.map((i) => [i.id, i]));
  return pairs.flatMap((x) => {
    const a = byId.get(x.aId);
    const b = byId.get(x.bId);
    if (!a || !b) return [];
    // Suggest keeping the person with more identities (then the older one).
    const [target, source] = b.identityCount > a.identityCount || (b.identityCount === a.identityCount && b.createdAt < a.createdAt) ? [b, a] : [a, b];
    return [{ source, target, score: x.score, evidence: x.evidence }];
  });
}
