import { describe, expect, it } from "vitest";
import { planMerge } from "@/lib/persons/rules/plan-merge";
import type { PersonSnapshot } from "@/lib/persons/person-records";

const at = new Date("2026-01-01T00:00:00Z");
const person = (over: Partial<PersonSnapshot>): PersonSnapshot => ({
  id: "p", displayName: null, primaryPhone: null, primaryEmail: null, avatarUrl: null, metadata: null,
  createdAt: at, updatedAt: at, identities: [], routes: [], ...over,
});
const route = (id: string, instanceId: string, active = true, scope = "user") =>
  ({ id, instanceId, scope, personId: "x", agentId: "a", priority: 0, active, label: null, updatedAt: at });

describe("planMerge", () => {
  it("fills only the target's empty fields from the source", () => {
    const plan = planMerge(
      person({ displayName: "Ana", primaryPhone: "+5511988887777", primaryEmail: "ana@x.io" }),
      person({ displayName: "Ana Clara", primaryPhone: null, primaryEmail: "" }),
    );
    expect(plan.fields).toEqual({ primaryPhone: "+5511988887777", primaryEmail: "ana@x.io" });
  });

  it("merges metadata keys the target lacks, the target's values winning", () => {
    const plan = planMerge(person({ metadata: { a: 1, b: 2 } }), person({ metadata: { b: 3 } }));
    expect(plan.fields.metadata).toEqual({ a: 1, b: 3 });
    expect(planMerge(person({ metadata: { b: 1 } }), person({ metadata: { b: 3 } })).fields).toEqual({});
  });

  it("re-points the source's user routes, and marks the ones clashing with an active target route", () => {
    const plan = planMerge(
      person({ routes: [route("r1", "i1"), route("r2", "i2"), route("r3", "i1", false), route("c1", "i1", true, "chat")] }),
      person({ routes: [route("t1", "i1")] }),
    );
    expect(plan.repointRouteIds).toEqual(["r2", "r3"]);
    expect(plan.conflictingRouteIds).toEqual(["r1"]);
  });
});
