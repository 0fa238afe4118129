// Fanning out ahead of the queue (pure rules). The fan-out takes the outbox oldest first, and a tick
// takes only so many rows; behind a burst of writes, an endpoint subscribed to a rare event
// (`person.merge`) would wait for every row queued before its own. So each endpoint not subscribed
// to everything also reads ahead, on its own: the next few rows of the types it wants, past a
// cursor of its own (`aheadSeq`), and gets them at once (../fan-out/ahead.ts).
//
// Order per endpoint is kept: the look-ahead takes an endpoint's rows oldest first from its cursor,
// and the ordinary fan-out, oldest first from the queue's head, skips the rows it already got — so
// what an endpoint has got is always every row it wants up to some point of the queue. Except for
// a transaction that commits after rows queued after it were read (its row has a lower seq): the
// ordinary fan-out delivers it later, as it does for everybody.
import { AUDIT_ACTIONS } from "../../audit/rules/actions";
import { endpointWants, matchesEvents } from "../../webhooks/rules/events";

/** An outbox row as the look-ahead reads it: `action` null for a row queued before rows had one. */
export type QueuedRow = { seq: number; action: string | null; createdAt: Date; fannedTo: readonly string[] };
/** An enabled endpoint: its id, event patterns and creation time (it gets only later events). */
export type Subscriber = { id: string; events: readonly string[]; createdAt: Date };

/**
 * The event types the look-ahead reads for `events` (an endpoint's patterns); null for an endpoint
 * subscribed to everything (`*`), which has nothing to read ahead of: the queue is its order.
 */
export function aheadActions(events: readonly string[]): string[] | null {
  return events.includes("*") ? null : AUDIT_ACTIONS.filter((a) => matchesEvents(events, a));
}

/**
 * Of `rows` (the outbox rows after endpoint `w`'s cursor whose type it wants, or without a type,
 * oldest first), the seqs to fan out to it now — those queued after it was created that it does
 * not have yet — and where its cursor goes: the last row read, or the row before the first one
 * without a type (which only the ordinary fan-out can place).
 */
export function aheadPicks(rows: readonly QueuedRow[], w: Subscriber, cursor: number): { seqs: number[]; cursor: number } {
  const untyped = rows.findIndex((r) => r.action === null);
  const usable = untyped < 0 ? rows : rows.slice(0, untyped);
  return {
    seqs: usable.filter((r) => !r.fannedTo.includes(w.id) && endpointWants(w, r.action!, r.createdAt)).map((r) => r.seq),
    cursor: usable.length ? usable[usable.length - 1].seq : cursor,
  };
}
