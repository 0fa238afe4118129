// What else an erasure must find or forget besides the person's rows: the persons merged into it
// earlier (their data keys are its data now), and copies of its data kept for other purposes.
import "server-only";
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

const field = (v: unknown, k: string): unknown => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined);
const idOf = (v: unknown, k: string): string | null => {
  const x = field(v, k);
  return typeof x === "string" ? x : null;
};

/**
 * The ids of persons merged (or linked) into `personId`, directly or through earlier merges, that
 * no longer exist (a merge that was reverted gave its person back: that one is not absorbed).
 * Read from the person.merge / identity.link events (ids only, never sealed).
 */
export async function absorbedPersons(tx: Tx, personId: string): Promise<string[]> {
  const survivors = new Set([personId]);
  const absorbed = new Set<string>();
  let frontier = [personId];
  while (frontier.length) {
    const events = await tx.auditEvent.findMany({
      where: { action: { in: ["person.merge", "identity.link"] }, subjects: { some: { subjectId: { in: frontier } } } },
      select: { after: true },
    });
    const found = events
      .filter((e) => survivors.has(idOf(field(e.after, "person"), "id") ?? ""))
      .map((e) => idOf(e.after, "deletedPersonId"))
      .filter((id): id is string => !!id && !survivors.has(id) && !absorbed.has(id));
    const existing = new Set((await tx.person.findMany({ where: { id: { in: found } }, select: { id: true } })).map((r) => r.id));
    frontier = found.filter((id) => !existing.has(id));
    for (const id of frontier) {
      absorbed.add(id);
      survivors.add(id);
    }
  }
  return [...absorbed];
}

/** Deletes stored Idempotency-Key replies that mention any of `ids` (a POST /persons reply holds the person). */
export async function forgetIdempotencyReplies(tx: Tx, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const r = await tx.idempotencyRecord.deleteMany({ where: { OR: ids.map((id) => ({ body: { contains: id } })) } });
  return r.count;
}

/**
 * Webhook delivery bodies already stored (the request as sent and the receiver's response) of
 * every audit event about any of `subjectIds` (persons, identities) are replaced by
 * `{"erased":true}` / null: they held the opened personal fields. Pending deliveries then send
 * that body. Returns the number of deliveries changed.
 */
export async function forgetPersonInWebhookDeliveries(tx: Tx, subjectIds: string[]): Promise<number> {
  if (!subjectIds.length) return 0;
  const events = await tx.auditSubject.findMany({ where: { subjectId: { in: subjectIds } }, select: { eventId: true } });
  const eventIds = [...new Set(events.map((e) => e.eventId))];
  let changed = 0;
  for (let i = 0; i < eventIds.length; i += 500) {
    const r = await tx.webhookDelivery.updateMany({
      where: { eventId: { in: eventIds.slice(i, i + 500) } },
      data: { payload: JSON.stringify({ erased: true }), responseBody: null },
    });
    changed += r.count;
  }
  return changed;
}
