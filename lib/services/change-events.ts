// In-process change notifications: caches subscribe and drop what a change made stale.
// (One process today; issue 7 carries these across processes.)
type Listener = (e: ChangeEvent) => void;
export type ChangeEvent =
  | { kind: "instance"; id: string }
  /** chatIds / personIds: the targets the change touched (before and after); absent = any */
  | { kind: "route"; instanceId: string; chatIds?: string[]; personIds?: string[] }
  | { kind: "agent"; id: string }
  | { kind: "person"; id: string }
  | { kind: "chat"; id: string }
  | { kind: "apiKey"; id: string };

const g = globalThis as unknown as { omniChangeListeners?: Set<Listener> };
const listeners = (g.omniChangeListeners ??= new Set<Listener>());

export function onChange(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function emitChange(e: ChangeEvent): void {
  for (const fn of listeners) fn(e);
}

export const notifyInstanceChanged = (id: string) => emitChange({ kind: "instance", id });
