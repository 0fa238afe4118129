// What a merge changes, decided from the two persons' snapshots alone (no I/O): which of the
// target's empty fields the source fills, and which of the source's user routes are re-pointed
// or, where the target already has an active user route on that instance, re-pointed inactive.
import type { PersonSnapshot } from "../person-records";

export const FILLABLE_FIELDS = ["displayName", "primaryPhone", "primaryEmail", "avatarUrl", "metadata"] as const;
export type FillableField = (typeof FILLABLE_FIELDS)[number];

export type MergePlan = {
  fields: Partial<Record<FillableField, unknown>>;
  repointRouteIds: string[];
  conflictingRouteIds: string[];
};

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** What a merge would change (pure over the two snapshots): the preview and the merge share it. */
export function planMerge(source: PersonSnapshot, target: PersonSnapshot): MergePlan {
  const fields: MergePlan["fields"] = {};
  for (const f of FILLABLE_FIELDS) {
    const s = source[f];
    const t = target[f];
    if (s === null || s === undefined) continue;
    if (f === "metadata") {
      if (t === null || t === undefined) fields.metadata = s;
      else if (isObject(s) && isObject(t) && Object.keys(s).some((k) => !(k in t))) fields.metadata = { ...s, ...t };
    } else if (t === null || t === undefined || t === "") fields[f] = s;
  }
  const targetUserInstances = new Set(target.routes.filter((r) => r.scope === "user" && r.active).map((r) => r.instanceId));
  const repointRouteIds: string[] = [];
  const conflictingRouteIds: string[] = [];
  for (const r of source.routes) {
    if (r.scope !== "user") continue;
    (r.active && targetUserInstances.has(r.instanceId) ? conflictingRouteIds : repointRouteIds).push(r.id);
  }
  return { fields, repointRouteIds, conflictingRouteIds };
}

