// What each subject of an audit event is, and which instances it concerns, read in the event's
// own transaction — so the event and the change it records agree. writeAudit stores the answer
// (AuditSubject.subjectType, AuditSubjectInstance rows); lib/auth/instance-policy.ts decides on
// it who may see the event and who may revert it.
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** A subject as recorded: its id, its kind ("" when it was not found), its instances. */
export type SubjectRef = { id: string; type: string; instanceIds: string[] };

type Lookup = (tx: Tx, ids: string[]) => Promise<{ id: string; instanceIds: string[] }[]>;

const one = (rows: { id: string; instanceId: string }[]) => rows.map((r) => ({ id: r.id, instanceIds: [r.instanceId] }));
const idIn = (ids: string[]) => ({ id: { in: ids } });

/** The kinds of records that belong to instances, and how to read their instances. */
const LOOKUPS: [type: string, lookup: Lookup][] = [
  ["person", async (tx, ids) => (await tx.person.findMany({ where: idIn(ids), select: { id: true, identities: { select: { instanceId: true } } } }))
    .map((r) => ({ id: r.id, instanceIds: r.identities.map((i) => i.instanceId) }))],
  ["identity", async (tx, ids) => one(await tx.platformIdentity.findMany({ where: idIn(ids), select: { id: true, instanceId: true } }))],
  ["route", async (tx, ids) => one(await tx.agentRoute.findMany({ where: idIn(ids), select: { id: true, instanceId: true } }))],
  ["instance", async (tx, ids) => (await tx.instance.findMany({ where: idIn(ids), select: { id: true } })).map((r) => ({ id: r.id, instanceIds: [r.id] }))],
  ["chat", async (tx, ids) => one(await tx.chat.findMany({ where: idIn(ids), select: { id: true, instanceId: true } }))],
  ["apiKey", async (tx, ids) => (await tx.apiKey.findMany({ where: idIn(ids), select: { id: true, instanceIds: true } }))
    .map((r) => ({ id: r.id, instanceIds: Array.isArray(r.instanceIds) ? (r.instanceIds as string[]) : [] }))],
];
const BOUND_TYPES = new Set(LOOKUPS.map(([t]) => t));

/** Instances named by a snapshot: `instanceId` (a route), `instanceIds` (a key), `identities` (a person). */
function snapshotInstances(before: unknown): string[] {
  if (!before || typeof before !== "object") return [];
  const b = before as { instanceId?: unknown; instanceIds?: unknown; identities?: unknown };
  const ids = [
    b.instanceId,
    ...(Array.isArray(b.instanceIds) ? b.instanceIds : []),
    ...(Array.isArray(b.identities) ? b.identities.map((i) => (i as { instanceId?: unknown } | null)?.instanceId) : []),
  ];
  return [...new Set(ids.filter((i): i is string => typeof i === "string"))];
}

/**
 * The event's subjects — its target first, then `subjects` — each with its kind and instances.
 * A subject given as a SubjectRef is taken as is (a record the change deleted); an id is looked up
 * (the target's own kind first). A target that no longer exists keeps its `targetType`, and the
 * instances of its "before" snapshot (or itself, for an instance); other unknown ids get kind "".
 * Global records (agents, users, audit events) have no instances.
 */
export async function resolveSubjects(
  tx: Tx,
  input: { targetType: string; targetId: string | null; before?: unknown; subjects?: (string | SubjectRef)[] },
): Promise<SubjectRef[]> {
  const out = new Map<string, SubjectRef>();
  const all = [input.targetId, ...(input.subjects ?? [])].filter((s): s is string | SubjectRef => !!s);
  for (const s of all) if (typeof s !== "string") out.set(s.id, { ...s, instanceIds: [...new Set(s.instanceIds)] });
  let pending = [...new Set(all.filter((s): s is string => typeof s === "string" && !out.has(s)))];
  // A target of a global kind needs no lookup.
  if (input.targetId && pending.includes(input.targetId) && !BOUND_TYPES.has(input.targetType)) {
    out.set(input.targetId, { id: input.targetId, type: input.targetType, instanceIds: [] });
    pending = pending.filter((id) => id !== input.targetId);
  }
  const lookups = [...LOOKUPS].sort(([a], [b]) => Number(b === input.targetType) - Number(a === input.targetType));
  for (const [type, lookup] of lookups) {
    if (!pending.length) break;
    for (const r of await lookup(tx, pending)) out.set(r.id, { id: r.id, type, instanceIds: [...new Set(r.instanceIds)] });
    pending = pending.filter((id) => !out.has(id));
  }
  for (const id of pending) {
    if (id !== input.targetId) out.set(id, { id, type: "", instanceIds: [] });
    else out.set(id, { id, type: input.targetType, instanceIds: input.targetType === "instance" ? [id] : snapshotInstances(input.before) });
  }
  return [...out.values()];
}
