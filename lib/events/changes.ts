// Change notifications: caches subscribe and drop what a change made stale. Local listeners run
// at once; on PostgreSQL the event also goes to every other app process (change-bus.ts).
import "server-only";
import { changeNotification, publishChange, startChangeBus } from "./change-bus";
import type { ChangeEvent } from "./change-event";

export type { ChangeEvent };

type Listener = (e: ChangeEvent) => void;
const g = globalThis as unknown as { omniChangeListeners?: Set<Listener> };
const listeners = (g.omniChangeListeners ??= new Set<Listener>());

function deliverLocal(e: ChangeEvent): void {
  for (const fn of listeners) fn(e);
}

export function onChange(fn: Listener): () => void {
  startChangeBus(deliverLocal);
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function emitChange(e: ChangeEvent): void {
  deliverLocal(e);
  publishChange(e);
}

// Changes announced inside a transaction (announceOnCommit), by transaction: delivered when, and
// only if, it commits (deliverCommitted, called by auditedTransaction).
const committing = new WeakMap<object, { events: ChangeEvent[]; published: boolean }[]>();

/** Starts collecting the changes `tx` announces (auditedTransaction, when its transaction starts). */
export function collectChanges(tx: object): void {
  committing.set(tx, []);
}

/**
 * Records that the transaction `tx` makes `events` happen, and returns the pg_notify arguments
 * that announce them to the other processes, for the caller to run inside the transaction
 * (write-audit.ts does it in the statement that stores the event): PostgreSQL delivers them
 * exactly when the transaction commits. Returns null when there is nothing to send that way (no
 * bus, or a payload too large: then they are published right after commit). Local listeners hear
 * them after commit. Throws when `tx` is not an auditedTransaction's (nothing would deliver them).
 */
export function announceOnCommit(tx: object, events: ChangeEvent[]): { channel: string; payload: string } | null {
  const list = committing.get(tx);
  if (!list) throw new Error("announceOnCommit needs a transaction of auditedTransaction.");
  const notification = changeNotification(events);
  list.push({ events, published: notification !== null });
  return notification;
}

/** After `tx` committed: local listeners hear what it announced; what no statement sent is published now. */
export function deliverCommitted(tx: object): void {
  const list = committing.get(tx) ?? [];
  committing.delete(tx);
  for (const { events, published } of list) deliverAfterCommit(events, published);
}

/** Committed changes: to this process's listeners, and published to the others unless a statement already sent them. */
function deliverAfterCommit(events: ChangeEvent[], published: boolean): void {
  for (const e of events) {
    deliverLocal(e);
    if (!published) publishChange(e);
  }
}

/**
 * For a write that is one statement, outside any transaction (it commits when it returns): the
 * pg_notify arguments that announce `events` to the other processes, for that statement to send
 * (null: nothing to send that way), and `committed`, to call once it has committed, which
 * delivers them to this process's listeners (and publishes them if the statement could not).
 */
export function announceInStatement(events: ChangeEvent[]): { notify: { channel: string; payload: string } | null; committed: () => void } {
  const notify = events.length ? changeNotification(events) : null;
  return { notify, committed: () => deliverAfterCommit(events, notify !== null) };
}

export const notifyInstanceChanged = (id: string) => emitChange({ kind: "instance", id });
