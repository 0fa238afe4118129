// The request bodies of deliveries about to be sent. Fan-out queues deliveries without one
// (fan-out/queue.ts); the first attempt builds it from the audit event, then it is kept as sent.
import "server-only";
import { prisma } from "../db";
import { revealSnapshots } from "../privacy/reveal-personal-fields";
import { eventPayload } from "./rules/payload";

/**
 * The JSON bodies (rules/payload.ts) of the audit events `eventIds`, by event id; an id whose event
 * no longer exists is absent. Personal fields are stored sealed (crypto-shredding): the bodies hold
 * them opened, or "[erased]" for a person forgotten since the event. One read of the events (with
 * their subjects' instances) per call.
 */
export async function eventPayloads(eventIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(eventIds)];
  if (!ids.length) return new Map();
  const events = await prisma.auditEvent.findMany({
    where: { id: { in: ids } },
    select: {
      id: true, at: true, action: true, targetType: true, targetId: true, reason: true, before: true, after: true, actorType: true, actorId: true, actorLabel: true,
      subjects: { select: { subjectId: true, subjectType: true, instances: { select: { instanceId: true } } } },
    },
  });
  return new Map((await revealSnapshots(prisma, events)).map((e) => [e.id, eventPayload(e)]));
}
