// The body of a webhook delivery (pure; ../shared/API.md "Automation that survives merges"):
// `{ id, type, timestamp, data: { targetId, subjects: [ { type, id, instanceId } ], before, after, reason, actor } }`.

export type PayloadEvent = {
  id: string;
  at: Date;
  action: string;
  targetId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  subjects: { subjectId: string; subjectType: string; instances: { instanceId: string }[] }[];
};

/** One `subjects` entry per subject and instance (`instanceId: null` for a subject on none). */
export function payloadSubjects(subjects: PayloadEvent["subjects"]): { type: string; id: string; instanceId: string | null }[] {
  return subjects.flatMap((s): { type: string; id: string; instanceId: string | null }[] =>
    s.instances.length
      ? s.instances.map((i) => ({ type: s.subjectType, id: s.subjectId, instanceId: i.instanceId }))
      : [{ type: s.subjectType, id: s.subjectId, instanceId: null }],
  );
}

/** The JSON request body for an audit event. */
export function eventPayload(e: PayloadEvent): string {
  return JSON.stringify({
    id: e.id,
    type: e.action,
    timestamp: e.at.toISOString(),
    data: {
      targetId: e.targetId,
      subjects: payloadSubjects(e.subjects),
      before: e.before ?? null,
      after: e.after ?? null,
      reason: e.reason,
      actor: { type: e.actorType, id: e.actorId, label: e.actorLabel },
    },
  });
}

/**
 * The key deliveries are ordered by: the first person subject (a merge: the surviving person is
 * the target, the merged-away one a subject; both orders agree on the target), else the target.
 */
export function orderKeyOf(e: Pick<PayloadEvent, "targetId" | "subjects">): string | null {
  const person = e.subjects.find((s) => s.subjectType === "person" && s.subjectId === e.targetId) ?? e.subjects.find((s) => s.subjectType === "person");
  return person?.subjectId ?? e.targetId;
}
