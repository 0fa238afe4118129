import { describe, expect, it } from "vitest";
import { routeCreateSchema, routeListQuerySchema, routeTestSchema, routeUpdateSchema } from "@/lib/routes/schemas";
import { routeTargetIssues } from "@/lib/routes/rules/target-issues";
import { zodFields } from "@/lib/schemas/common";

const ID = "7b0c8f9e-2a4d-4c3b-9f5e-1a2b3c4d5e6f";
const ID2 = "8c1d9a0f-3b5e-4d4c-8a6f-2b3c4d5e6f70";
const base = { instanceId: ID, agentId: ID2 };

function fields(r: { success: boolean; error?: unknown }) {
  expect(r.success).toBe(false);
  return zodFields(r.error as never);
}

describe("routeCreateSchema: chat xor person by scope", () => {
  it("a chat route needs chatId and gets the defaults", () => {
    const r = routeCreateSchema.parse({ ...base, scope: "chat", chatId: ID });
    expect(r).toMatchObject({ stream: false, prefixSender: false, waitMedia: false, sendMediaPath: false, gate: false, replyFilterMode: "all", priority: 0, active: true });
  });

  it("scope chat without chatId is an error on chatId", () => {
    expect(fields(routeCreateSchema.safeParse({ ...base, scope: "chat" }))).toEqual({ chatId: [expect.stringMatching(/required when scope is chat/)] });
  });

  it("scope user without personId is an error on personId", () => {
    expect(fields(routeCreateSchema.safeParse({ ...base, scope: "user", chatId: null }))).toEqual({ personId: [expect.stringMatching(/required when scope is user/)] });
  });

  it("naming both is refused on the field that does not belong", () => {
    expect(Object.keys(fields(routeCreateSchema.safeParse({ ...base, scope: "chat", chatId: ID, personId: ID2 })))).toEqual(["personId"]);
    expect(Object.keys(fields(routeCreateSchema.safeParse({ ...base, scope: "user", chatId: ID, personId: ID2 })))).toEqual(["chatId"]);
  });

  it("refuses unknown fields, bad enums, non-integer priority, bad timeout", () => {
    const f = fields(routeCreateSchema.safeParse({
      ...base, scope: "group", bogus: 1, priority: 1.5, timeout: 0, replyFilterMode: "some", stream: "yes",
    }));
    expect(Object.keys(f).sort()).toEqual(["_", "priority", "replyFilterMode", "scope", "stream", "timeout"].sort());
  });

  it("requires instanceId and agentId as UUIDs", () => {
    const f = fields(routeCreateSchema.safeParse({ instanceId: "x", scope: "user", personId: ID }));
    expect(Object.keys(f).sort()).toEqual(["agentId", "instanceId"]);
  });

  it("keeps every option", () => {
    const all = {
      ...base, scope: "user", personId: ID, timeout: 30, stream: true, prefixSender: true, waitMedia: true,
      sendMediaPath: true, gate: true, gateModel: "haiku", gatePrompt: "Only answer billing questions", replyFilterMode: "filtered",
      label: "VIP", priority: -3, active: false,
    } as const;
    expect(routeCreateSchema.parse(all)).toEqual(all);
  });
});

describe("routeUpdateSchema", () => {
  it("takes any subset, including an empty one", () => {
    expect(routeUpdateSchema.parse({})).toEqual({});
    expect(routeUpdateSchema.parse({ active: false, label: null })).toEqual({ active: false, label: null });
  });
  it("refuses a contradiction inside the patch itself", () => {
    expect(Object.keys(fields(routeUpdateSchema.safeParse({ scope: "chat", personId: ID })))).toEqual(["personId"]);
    expect(Object.keys(fields(routeUpdateSchema.safeParse({ priority: "high" })))).toEqual(["priority"]);
  });
  it("routeTargetIssues judges a merged route", () => {
    expect(routeTargetIssues({ scope: "chat", chatId: null, personId: ID })).toHaveLength(2);
    expect(routeTargetIssues({ scope: "user", chatId: null, personId: ID })).toEqual([]);
  });
});

describe("routeListQuerySchema and routeTestSchema", () => {
  it("parses filters from a query string", () => {
    const q = routeListQuerySchema.parse({ active: "false", scope: "user", limit: "50", sort: "priority", order: "asc", q: " vip " });
    expect(q).toMatchObject({ active: false, scope: "user", limit: 50, sort: "priority", order: "asc", q: "vip" });
    expect(routeListQuerySchema.parse({})).toMatchObject({ limit: 20, sort: "createdAt", order: "desc" });
  });
  it("refuses bad filters", () => {
    expect(Object.keys(fields(routeListQuerySchema.safeParse({ active: "yes", limit: "0", instance: "x" }))).sort()).toEqual(["active", "instance", "limit"]);
  });
  it("test body: instanceId required, chat and person optional", () => {
    expect(routeTestSchema.parse({ instanceId: ID })).toEqual({ instanceId: ID });
    expect(Object.keys(fields(routeTestSchema.safeParse({ chatId: "nope" }))).sort()).toEqual(["chatId", "instanceId"]);
  });
});
