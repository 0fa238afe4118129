// Change notifications: caches subscribe and drop what a change made stale. Local listeners run
// at once; on PostgreSQL the event also goes to every other app process (change-bus.ts).
import { publishChange, startChangeBus } from "./change-bus";

type Listener = (e: ChangeEvent) => void;
export type ChangeEvent =
  | { kind: "instance"; id: string }
  /** chatIds / personIds: the targets the change touched (before and after); absent = any */
  | { kind: "route"; instanceId: string; chatIds?: string[]; personIds?: string[] }
  | { kind: "agent"; id: string }
  | { kind: "person"; id: string }
  | { kind: "chat"; id: string }
  | { kind: "apiKey"; id: string }
  /** a dashboard user's role, disabled flag or sessions changed (or the user was deleted) */
  | { kind: "user"; id: string }
  /** one sign-in session ended */
  | { kind: "session"; id: string }
  /** Anything may have changed (a process reconnecting to the bus): drop every cache. */
  | { kind: "all" };

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
