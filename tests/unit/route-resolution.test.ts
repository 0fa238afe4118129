import { describe, expect, it } from "vitest";
import { resolveRoute, type RouteCandidateInput } from "@/lib/routes/rules/resolution";

const CHAT = "chat-1";
const PERSON = "person-1";
let n = 0;
const at = (minutesAgo: number) => new Date(Date.UTC(2026, 0, 1, 12, 0) - minutesAgo * 60_000);

function route(over: Partial<RouteCandidateInput>): RouteCandidateInput {
  n += 1;
  const scope = over.scope ?? "chat";
  return {
    id: `r${String(n).padStart(3, "0")}`,
    scope,
    chatId: scope === "chat" ? CHAT : null,
    personId: scope === "user" ? PERSON : null,
    agentId: `agent-${n}`,
    priority: 0,
    active: true,
    updatedAt: at(10),
    label: null,
    ...over,
  };
}

const chosen = (r: ReturnType<typeof resolveRoute>) => r.candidates.filter((c) => c.chosen).map((c) => c.routeId);

describe("resolveRoute precedence", () => {
  it("a chat route beats a user route, whatever their priorities", () => {
    const c = route({ scope: "chat", priority: 0 });
    const u = route({ scope: "user", priority: 100, updatedAt: at(0) });
    const r = resolveRoute({ chatId: CHAT, personId: PERSON, routes: [u, c], defaultAgentId: "default" });
    expect(r.source).toBe("chat");
    expect(r.routeId).toBe(c.id);
    expect(r.agentId).toBe(c.agentId);
    expect(chosen(r)).toEqual([c.id]);
    expect(r.candidates.find((x) => x.routeId === u.id)!.reason).toMatch(/chat route .* takes precedence/);
    expect(r.candidates.map((x) => x.routeId)).toEqual([c.id, u.id]);
  });

  it("the user route answers when there is no chat route for the chat", () => {
    const otherChat = route({ scope: "chat", chatId: "chat-2", priority: 9 });
    const u = route({ scope: "user" });
    const r = resolveRoute({ chatId: CHAT, personId: PERSON, routes: [otherChat, u] });
    expect(r.source).toBe("user");
    expect(r.routeId).toBe(u.id);
    // routes for other chats are not candidates at all
    expect(r.candidates.map((x) => x.routeId)).toEqual([u.id]);
  });

  it("a user route for another person is not a candidate", () => {
    const u = route({ scope: "user", personId: "person-2" });
    const r = resolveRoute({ chatId: CHAT, personId: PERSON, routes: [u], defaultAgentId: null });
    expect(r).toMatchObject({ source: "none", routeId: null, agentId: null, candidates: [] });
  });

  it("without a chatId chat routes are never candidates; without a personId user routes are not", () => {
    const c = route({ scope: "chat" });
    const u = route({ scope: "user" });
    expect(resolveRoute({ personId: PERSON, routes: [c, u] }).routeId).toBe(u.id);
    expect(resolveRoute({ chatId: CHAT, routes: [u] }).source).toBe("none");
    expect(resolveRoute({ chatId: CHAT, routes: [c, u] }).routeId).toBe(c.id);
  });

  it("within a scope the higher priority wins, even when older", () => {
    const low = route({ priority: 1, updatedAt: at(0) });
    const high = route({ priority: 5, updatedAt: at(60) });
    const r = resolveRoute({ chatId: CHAT, routes: [low, high] });
    expect(r.routeId).toBe(high.id);
    expect(r.tie).toBeNull();
    const lowVerdict = r.candidates.find((x) => x.routeId === low.id)!;
    expect(lowVerdict).toMatchObject({ chosen: false, neverWins: true });
    expect(lowVerdict.reason).toMatch(/priority 1 is below/);
  });

  it("negative priorities order correctly", () => {
    const a = route({ scope: "user", priority: -5 });
    const b = route({ scope: "user", priority: -1 });
    expect(resolveRoute({ personId: PERSON, routes: [a, b] }).routeId).toBe(b.id);
  });
});

describe("resolveRoute ties", () => {
  it("on a priority tie the most recently updated wins and the tie is reported", () => {
    const older = route({ priority: 3, updatedAt: at(30), label: "old" });
    const newer = route({ priority: 3, updatedAt: at(1), label: "new" });
    const r = resolveRoute({ chatId: CHAT, routes: [older, newer] });
    expect(r.routeId).toBe(newer.id);
    expect(r.tie).toEqual({ scope: "chat", priority: 3, routeIds: [newer.id, older.id] });
    expect(r.warnings.filter((w) => w.kind === "tie")).toHaveLength(1);
    expect(r.warnings[0].message).toMatch(/tie at priority 3/);
    expect(r.candidates.find((c) => c.routeId === older.id)!.reason).toMatch(/tied at priority 3/);
    expect(r.candidates.find((c) => c.routeId === newer.id)!.reason).toMatch(/tied with 1 other/);
    // a tie loser is not "never wins": touching it would make it win
    expect(r.candidates.find((c) => c.routeId === older.id)!.neverWins).toBe(false);
  });

  it("a tie below the winner's priority is not the winner's tie", () => {
    const top = route({ priority: 9 });
    const a = route({ priority: 1, updatedAt: at(5) });
    const b = route({ priority: 1, updatedAt: at(6) });
    const r = resolveRoute({ chatId: CHAT, routes: [a, b, top] });
    expect(r.routeId).toBe(top.id);
    expect(r.tie).toBeNull();
    expect(r.warnings.map((w) => w.kind).sort()).toEqual(["neverWins", "neverWins"]);
  });

  it("a tie in the losing user scope is still warned about", () => {
    const c = route({ scope: "chat" });
    const u1 = route({ scope: "user", priority: 2, updatedAt: at(3) });
    const u2 = route({ scope: "user", priority: 2, updatedAt: at(4) });
    const r = resolveRoute({ chatId: CHAT, personId: PERSON, routes: [u1, u2, c] });
    expect(r.routeId).toBe(c.id);
    expect(r.tie).toBeNull();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ kind: "tie", routeIds: [u1.id, u2.id] });
  });

  it("identical timestamps still give one stable winner", () => {
    const a = route({ id: "b-route", priority: 1, updatedAt: at(0) });
    const b = route({ id: "a-route", priority: 1, updatedAt: at(0) });
    expect(resolveRoute({ chatId: CHAT, routes: [a, b] }).routeId).toBe("a-route");
    expect(resolveRoute({ chatId: CHAT, routes: [b, a] }).routeId).toBe("a-route");
  });
});

describe("resolveRoute inactive routes and the instance default", () => {
  it("inactive routes are listed but never chosen, whatever their priority", () => {
    const off = route({ priority: 100, active: false });
    const on = route({ priority: 0 });
    const r = resolveRoute({ chatId: CHAT, routes: [off, on] });
    expect(r.routeId).toBe(on.id);
    const v = r.candidates.find((c) => c.routeId === off.id)!;
    expect(v).toMatchObject({ active: false, chosen: false, neverWins: false });
    expect(v.reason).toMatch(/Inactive/);
    // an inactive higher-priority route does not make the active one "never win"
    expect(r.warnings).toEqual([]);
  });

  it("an inactive chat route lets the user route win", () => {
    const c = route({ scope: "chat", active: false });
    const u = route({ scope: "user" });
    const r = resolveRoute({ chatId: CHAT, personId: PERSON, routes: [c, u] });
    expect(r.source).toBe("user");
    expect(r.routeId).toBe(u.id);
  });

  it("with only inactive routes the instance default answers", () => {
    const c = route({ active: false });
    const r = resolveRoute({ chatId: CHAT, routes: [c], defaultAgentId: "default-agent" });
    expect(r).toMatchObject({ source: "instanceDefault", routeId: null, agentId: "default-agent", tie: null });
    expect(r.candidates).toHaveLength(1);
  });

  it("no route and no default: none", () => {
    expect(resolveRoute({ chatId: CHAT, personId: PERSON, routes: [] })).toEqual({
      source: "none", routeId: null, agentId: null, candidates: [], tie: null, warnings: [],
    });
  });

  it("a matching route wins over the instance default", () => {
    const u = route({ scope: "user" });
    expect(resolveRoute({ personId: PERSON, routes: [u], defaultAgentId: "d" }).agentId).toBe(u.agentId);
  });
});

describe("resolveRoute never-wins warnings", () => {
  it("names the shadowing route and both priorities", () => {
    const top = route({ scope: "user", priority: 7, label: "VIP" });
    const low = route({ scope: "user", priority: 2, label: "Fallback" });
    const r = resolveRoute({ personId: PERSON, routes: [low, top] });
    expect(r.warnings).toEqual([
      { kind: "neverWins", routeIds: [low.id, top.id], message: expect.stringMatching(/"Fallback" can never win: "VIP" .* \(7 > 2\)/) },
    ]);
  });

  it("user routes shadowed by a chat route are not 'never wins' (they answer in other chats)", () => {
    const c = route({ scope: "chat", priority: 0 });
    const u = route({ scope: "user", priority: 0 });
    const r = resolveRoute({ chatId: CHAT, personId: PERSON, routes: [c, u] });
    expect(r.candidates.find((x) => x.routeId === u.id)!.neverWins).toBe(false);
    expect(r.warnings).toEqual([]);
  });
});
