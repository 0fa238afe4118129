// Change notifications: caches subscribe and drop what a change made stale. Local listeners run
// at once; on PostgreSQL the event also goes to every other app process (change-bus.ts).
import "server-only";
import { publishChange, startChangeBus } from "./change-bus";
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
const committing = new WeakMap<object, ChangeEvent[]>();

/** Starts collecting the changes `tx` announces (auditedTransaction, when its transaction starts). */
export function collectChanges(tx: object): void {
  committing.set(tx, []);
}

/**
 * Records that the transaction `tx` makes `events` happen: once it commits, this process's
 * listeners hear them and they are published to the other processes (change-bus.ts publishChange,
 * awaited before the request answers); a transaction that rolls back announces nothing. Throws
 * when `tx` is not an auditedTransaction's (nothing would deliver them).
 */
export function announceOnCommit(tx: object, events: ChangeEvent[]): void {
  const list = committing.get(tx);
  if (!list) throw new Error("announceOnCommit needs a transaction of auditedTransaction.");
  list.push(...events);
}

/** After `tx` committed: what it announced reaches this process's listeners and is published to the others. */
export function deliverCommitted(tx: object): void {
  const list = committing.get(tx) ?? [];
  committing.delete(tx);
  deliverAfterCommit(list);
}

function deliverAfterCommit(events: ChangeEvent[]): void {
  for (const e of events) emitChange(e);
}

/**
 * For a write that is one statement, outside any transaction (it commits when it returns):
 * `committed`, to call once it has committed and written, which delivers `events` to this
 * process's listeners and publishes them to the others.
 */
export function announceInStatement(events: ChangeEvent[]): { committed: () => void } {
  return { committed: () => deliverAfterCommit(events) };
}

export const notifyInstanceChanged = (id: string) => emitChange({ kind: "instance", id });
