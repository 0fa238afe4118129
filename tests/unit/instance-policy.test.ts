import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import {
  canManageKey, canRevertAuditEvent, canSeeAuditEvent, canSeeAuditSubject, canSeeInstance, requireInstance,
  requireUnrestricted, visibleAuditEventsWhere,
} from "@/lib/auth/instance-policy";
import { AppError } from "@/lib/errors";

const key = (instanceIds: string[] | null): Principal => ({ type: "apiKey", id: "k", name: "k", scopes: ["*"], instanceIds });
const onA = key(["A"]);
const onAB = key(["A", "B"]);
const everywhere = key(null);
const person = (...instanceIds: string[]) => ({ subjectType: "person", instanceIds });
const apiKey = (...instanceIds: string[]) => ({ subjectType: "apiKey", instanceIds });
const agent = { subjectType: "agent", instanceIds: [] };

function thrown(f: () => void): AppError | null {
  try {
    f();
    return null;
  } catch (e) {
    return e as AppError;
  }
}

describe("instances", () => {
  it("a restricted key sees its instances only; an unrestricted one every instance", () => {
    expect(canSeeInstance(onA, "A")).toBe(true);
    expect(canSeeInstance(onA, "B")).toBe(false);
    expect(canSeeInstance(everywhere, "B")).toBe(true);
  });
  it("a filter or write naming an instance outside the restriction is 403 FORBIDDEN naming it; none is fine", () => {
    const e = thrown(() => requireInstance(onA, "B"));
    expect(e?.code).toBe("FORBIDDEN");
    expect(e?.details).toEqual({ instanceId: "B" });
    expect(thrown(() => requireInstance(onA, "A"))).toBeNull();
    expect(thrown(() => requireInstance(onA, undefined))).toBeNull();
    expect(thrown(() => requireInstance(everywhere, "B"))).toBeNull();
  });
  it("global records are written by unrestricted principals only", () => {
    expect(thrown(() => requireUnrestricted(onA, "create agents"))?.code).toBe("FORBIDDEN");
    expect(thrown(() => requireUnrestricted(onA, "create agents"))?.message).toContain("create agents");
    expect(thrown(() => requireUnrestricted(everywhere, "create agents"))).toBeNull();
  });
});

describe("API keys", () => {
  it("a restricted key manages keys whose instances are inside its own, never an unrestricted key", () => {
    expect(canManageKey(onA, ["A"])).toBe(true);
    expect(canManageKey(onAB, ["A"])).toBe(true);
    expect(canManageKey(onAB, ["B", "A"])).toBe(true);
    expect(canManageKey(onA, ["A", "B"])).toBe(false);
    expect(canManageKey(onA, ["B"])).toBe(false);
    expect(canManageKey(onA, null)).toBe(false);
    expect(canManageKey(onA, [])).toBe(false);
  });
  it("an unrestricted principal manages every key", () => {
    expect(canManageKey(everywhere, null)).toBe(true);
    expect(canManageKey(everywhere, ["B"])).toBe(true);
  });
});

describe("audit events", () => {
  it("a subject is visible through any of its instances; a key subject only when the key is manageable", () => {
    expect(canSeeAuditSubject(onA, person("A", "B"))).toBe(true);
    expect(canSeeAuditSubject(onA, person("B"))).toBe(false);
    expect(canSeeAuditSubject(onA, person())).toBe(false);
    expect(canSeeAuditSubject(onA, apiKey("A"))).toBe(true);
    expect(canSeeAuditSubject(onA, apiKey("A", "B"))).toBe(false);
    expect(canSeeAuditSubject(onA, apiKey())).toBe(false);
    expect(canSeeAuditSubject(onA, agent)).toBe(false);
    expect(canSeeAuditSubject(everywhere, agent)).toBe(true);
  });
  it("an event is visible when ANY subject is", () => {
    expect(canSeeAuditEvent(onA, [person("B"), person("A")])).toBe(true);
    expect(canSeeAuditEvent(onA, [person("B"), person("B")])).toBe(false);
    expect(canSeeAuditEvent(onA, [agent])).toBe(false);
    expect(canSeeAuditEvent(onA, [])).toBe(false);
    expect(canSeeAuditEvent(everywhere, [])).toBe(true);
  });
  it("a revert needs EVERY subject, and every instance of each, inside the restriction", () => {
    expect(canRevertAuditEvent(onA, [person("A"), person("A")])).toBe(true);
    expect(canRevertAuditEvent(onA, [person("A"), person("B")])).toBe(false);
    expect(canRevertAuditEvent(onA, [person("A", "B"), person("A")])).toBe(false);
    expect(canRevertAuditEvent(onAB, [person("A", "B"), person("A")])).toBe(true);
    expect(canRevertAuditEvent(onA, [person("A"), person()])).toBe(false);
    expect(canRevertAuditEvent(onA, [])).toBe(false);
    expect(canRevertAuditEvent(everywhere, [person("B")])).toBe(true);
  });
  it("the list filter says the same in SQL: nothing for an unrestricted principal", () => {
    expect(visibleAuditEventsWhere(everywhere)).toEqual({});
    expect(JSON.stringify(visibleAuditEventsWhere(onAB))).toContain('"in":["A","B"]');
  });
});
