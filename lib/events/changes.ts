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

export const notifyInstanceChanged = (id: string) => emitChange({ kind: "instance", id });
