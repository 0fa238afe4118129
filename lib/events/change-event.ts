// What a change notification says: which kind of record changed, and which one.
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
