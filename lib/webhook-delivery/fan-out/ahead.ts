// The fan-out's look-ahead (rules/ahead.ts): each endpoint not subscribed to everything gets the
// next rows it wants at once, rather than after every row queued before them. The rows stay in the
// outbox, marked (`fannedTo`), for the ordinary fan-out (queue.ts) to deliver to the other
// endpoints; it skips the endpoints marked.
import "server-only";
import { prisma } from "../../db";
import { aheadActions, aheadPicks } from "../rules/ahead";
import { deliveryOf, enabledEndpoints, fannedTo, insertDeliveries, queuedEvents, subscriber, type DeliveryRow } from "./queue";

/** Rows an endpoint's look-ahead reads per tick. */
export const AHEAD_MAX = 100;

/**
 * Reads ahead for each enabled endpoint without `*`: the next AHEAD_MAX outbox rows past its
 * cursor of the types it wants (seq, type, time and marks — not their events; one query each),
 * then the events of the rows picked; inserts their deliveries, marks the rows and moves the
 * cursors in one transaction (a crash leaves none of it). Run it after the ordinary fan-out of the
 * tick, so a row both would take goes by the queue. Returns the number of deliveries queued.
 */
export async function fanOutAhead(): Promise<number> {
  const endpoints = (await enabledEndpoints()).flatMap((w) => {
    const actions = aheadActions(w.events as string[]);
    return actions ? [{ ...w, actions }] : [];
  });
  if (!endpoints.length) return 0;
  const picked: { w: (typeof endpoints)[number]; seqs: number[]; cursor: number }[] = [];
  const rows = new Map<number, { seq: number; eventId: string; createdAt: Date; fannedTo: string[] }>();
  for (const w of endpoints) {
    const read = await prisma.webhookOutbox.findMany({
      where: { seq: { gt: w.aheadSeq }, OR: [{ action: { in: w.actions } }, { action: null }] },
      orderBy: { seq: "asc" }, take: AHEAD_MAX, select: { seq: true, eventId: true, action: true, createdAt: true, fannedTo: true },
    });
    const queued = read.map((r) => ({ ...r, fannedTo: fannedTo(r) }));
    for (const r of queued) rows.set(r.seq, r);
    const p = aheadPicks(queued, subscriber(w), w.aheadSeq);
    if (p.cursor !== w.aheadSeq) picked.push({ w, ...p });
  }
  if (!picked.length) return 0;
  const marks = new Map<number, string[]>(); // seq → its fannedTo after this pass
  for (const { w, seqs } of picked) for (const seq of seqs) (marks.get(seq) ?? marks.set(seq, [...rows.get(seq)!.fannedTo]).get(seq)!).push(w.id);
  const events = await queuedEvents([...marks.keys()].map((seq) => rows.get(seq)!.eventId));
  const data: DeliveryRow[] = [];
  for (const { w, seqs } of picked) {
    for (const seq of seqs) {
      const r = rows.get(seq)!;
      const e = events.get(r.eventId);
      if (e) data.push(...deliveryOf(w, e, r));
    }
  }
  // one update per distinct mark (the rows of a merge-only endpoint all get the same one)
  const groups = new Map<string, number[]>();
  for (const [seq, to] of marks) {
    const key = JSON.stringify(to);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(seq);
  }
  await prisma.$transaction(async (tx) => {
    await insertDeliveries(tx, data);
    for (const [to, seqs] of groups) await tx.webhookOutbox.updateMany({ where: { seq: { in: seqs } }, data: { fannedTo: JSON.parse(to) as string[] } });
    for (const { w, cursor } of picked) await tx.webhookEndpoint.updateMany({ where: { id: w.id }, data: { aheadSeq: cursor } });
  });
  return data.length;
}
