// The route cache's invalidation rule (lib/route-resolution/affected-parts.ts).
import { describe, expect, it } from "vitest";
import { changeAffectsPart, type PartRef } from "@/lib/route-resolution/affected-parts";
import type { ChangeEvent } from "@/lib/events/change-event";

const chat: PartRef = { kind: "chat", instanceId: "i1", chatId: "c1", agentIds: ["default", "a1"] };
const noChat: PartRef = { kind: "chat", instanceId: "i1", chatId: null, agentIds: ["default"] };
const person: PartRef = { kind: "person", instanceId: "i1", personId: "p1", agentIds: ["a2"] };
const reading: PartRef = { kind: "chat", instanceId: "i1", chatId: "c1" }; // agents not known yet

const affects = (e: ChangeEvent) => [chat, noChat, person, reading].map((p) => changeAffectsPart(e, p));

describe("changeAffectsPart", () => {
  it("an instance change affects every part on the instance, none elsewhere", () => {
    expect(affects({ kind: "instance", id: "i1" })).toEqual([true, true, true, true]);
    expect(affects({ kind: "instance", id: "i2" })).toEqual([false, false, false, false]);
  });

  it("a route change affects the parts of the chats and persons it touched, on its instance", () => {
    expect(affects({ kind: "route", instanceId: "i1", chatIds: ["c1"] })).toEqual([true, false, false, true]);
    expect(affects({ kind: "route", instanceId: "i1", personIds: ["p1"] })).toEqual([false, false, true, false]);
    expect(affects({ kind: "route", instanceId: "i1", chatIds: ["c9"], personIds: ["p9"] })).toEqual([false, false, false, false]);
    expect(affects({ kind: "route", instanceId: "i2", chatIds: ["c1"], personIds: ["p1"] })).toEqual([false, false, false, false]);
  });

  it("a route change that names no target affects every part on its instance", () => {
    expect(affects({ kind: "route", instanceId: "i1" })).toEqual([true, true, true, true]);
    expect(affects({ kind: "route", instanceId: "i2" })).toEqual([false, false, false, false]);
  });

  it("a chat change affects its chat's part; a person change its person's", () => {
    expect(affects({ kind: "chat", id: "c1" })).toEqual([true, false, false, true]);
    expect(affects({ kind: "person", id: "p1" })).toEqual([false, false, true, false]);
    expect(affects({ kind: "person", id: "c1" })).toEqual([false, false, false, false]);
  });

  it("an agent change affects the parts that name it, and every part whose agents are not known yet", () => {
    expect(affects({ kind: "agent", id: "default" })).toEqual([true, true, false, true]);
    expect(affects({ kind: "agent", id: "a2" })).toEqual([false, false, true, true]);
    expect(affects({ kind: "agent", id: "a9" })).toEqual([false, false, false, true]);
  });

  it("`all` affects everything; keys, users and sessions nothing", () => {
    expect(affects({ kind: "all" })).toEqual([true, true, true, true]);
    for (const e of [{ kind: "apiKey", id: "k" }, { kind: "user", id: "u" }, { kind: "session", id: "s" }] as ChangeEvent[]) expect(affects(e)).toEqual([false, false, false, false]);
  });
});
