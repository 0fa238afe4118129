import { describe, expect, inject, it } from "vitest";
import { OmniClient } from "@/lib/client";
import { omni, omniFails, omniJson } from "./support/run";

const { apiUrl, keys } = inject("cli");
const env = { OMNI_API_KEY: keys.admin.key, OMNI_API_URL: apiUrl };

type Route = { id: string; scope: string; chatId: string | null; personId: string | null; agentId: string; priority: number; active: boolean; label: string | null; timeout: number | null; stream: boolean; prefixSender: boolean; waitMedia: boolean; sendMediaPath: boolean; gate: boolean; gateModel: string | null; gatePrompt: string | null; replyFilterMode: string };

/** Set-up data through the typed client in-process (the CLI's own commands for it are tested elsewhere). */
async function fixtures(tag: string) {
  const client = new OmniClient({ baseUrl: apiUrl, apiKey: keys.admin.key });
  const instance = await client.instances.create({ name: `routes-cli-${tag}`, channel: "whatsapp" });
  const [agent, agent2] = await Promise.all([
    client.agents.create({ name: `routes-cli-agent-${tag}`, provider: "openai" }),
    client.agents.create({ name: `routes-cli-agent2-${tag}`, provider: "anthropic" }),
  ]);
  const chat = await client.chats.create({ instanceId: instance.id, externalId: `chat-${tag}` });
  return { instance: instance.id, agent: agent.id, agent2: agent2.id, chat: chat.id };
}

describe("omni routes (--json: one JSON document on stdout)", () => {
  it("create with every flag → get → list filters → update (negations, clears) → test → metrics → delete", async () => {
    const f = await fixtures("a");
    const r = await omniJson<Route>([
      "routes", "create", "--instance", f.instance, "--scope", "chat", "--chat", f.chat, "--agent", f.agent,
      "--timeout", "45", "--stream", "--prefix-sender", "--wait-media", "--send-media-path", "--gate",
      "--gate-model", "gpt-4o-mini", "--gate-prompt", "only billing", "--reply-filter-mode", "filtered",
      "--label", "VIP desk", "--priority", "7", "--inactive",
    ], { env });
    expect(r).toMatchObject({
      scope: "chat", chatId: f.chat, personId: null, agentId: f.agent, timeout: 45, stream: true, prefixSender: true,
      waitMedia: true, sendMediaPath: true, gate: true, gateModel: "gpt-4o-mini", gatePrompt: "only billing",
      replyFilterMode: "filtered", label: "VIP desk", priority: 7, active: false,
    });

    expect(await omniJson<Route>(["routes", "get", r.id], { env })).toMatchObject({ id: r.id, label: "VIP desk" });

    const inactive = await omniJson<{ items: Route[]; nextCursor: string | null }>(["routes", "list", "--instance", f.instance, "--inactive"], { env });
    expect(inactive.items.map((x) => x.id)).toEqual([r.id]);
    const active = await omniJson<{ items: Route[] }>(["routes", "list", "--instance", f.instance, "--active"], { env });
    expect(active.items).toEqual([]);
    const byAgent = await omniJson<{ items: Route[] }>(["routes", "list", "--agent", f.agent, "--scope", "chat", "--all"], { env });
    expect(byAgent.items.map((x) => x.id)).toEqual([r.id]);

    // while inactive, the instance has no answer
    const none = await omniJson<{ source: string }>(["routes", "test", "--instance", f.instance, "--chat", f.chat], { env });
    expect(none.source).toBe("none");

    const u = await omniJson<Route>([
      "routes", "update", r.id, "--active", "--no-stream", "--no-prefix-sender", "--no-wait-media", "--no-send-media-path",
      "--no-gate", "--gate-model", "", "--gate-prompt", "", "--timeout", "", "--label", "", "--agent", f.agent2, "--priority", "-2",
    ], { env });
    expect(u).toMatchObject({ active: true, stream: false, prefixSender: false, waitMedia: false, sendMediaPath: false, gate: false, gateModel: null, gatePrompt: null, timeout: null, label: null, agentId: f.agent2, priority: -2 });

    const t = await omniJson<{ source: string; route: { id: string }; agent: { id: string }; candidates: { routeId: string; chosen: boolean }[]; cached: boolean }>(
      ["routes", "test", "--instance", f.instance, "--chat", f.chat],
      { env },
    );
    expect(t).toMatchObject({ source: "chat", route: { id: r.id }, agent: { id: f.agent2 } });
    expect(t.candidates.find((c) => c.routeId === r.id)?.chosen).toBe(true);

    const m = await omniJson<{ hits: number; misses: number; size: number }>(["routes", "metrics"], { env });
    expect(typeof m.hits).toBe("number");
    expect(typeof m.misses).toBe("number");

    const human = await omni(["routes", "test", "--instance", f.instance, "--chat", f.chat], { env });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("answers");

    expect(await omniJson(["routes", "delete", r.id], { env })).toEqual({ id: r.id, deleted: true });
    await omniFails(5, ["routes", "get", r.id], { env });
  });

  it("refuses what the routes schema refuses, before sending (exit 1, field by option)", async () => {
    const f = await fixtures("b");
    const noChat = await omniFails(1, ["routes", "create", "--instance", f.instance, "--scope", "chat", "--agent", f.agent], { env });
    expect(noChat.err.fields).toHaveProperty("--chat");
    const both = await omniFails(1, ["routes", "create", "--instance", f.instance, "--scope", "user", "--person", f.chat, "--chat", f.chat, "--agent", f.agent], { env });
    expect(both.err.fields).toHaveProperty("--chat");
    const badTimeout = await omniFails(1, ["routes", "create", "--instance", f.instance, "--scope", "chat", "--chat", f.chat, "--agent", f.agent, "--timeout", "99999"], { env });
    expect(badTimeout.err.fields).toHaveProperty("--timeout");
    await omniFails(1, ["routes", "create", "--instance", f.instance, "--chat", f.chat, "--agent", f.agent]); // --scope missing
    await omniFails(1, ["routes", "create", "--instance", f.instance, "--scope", "group", "--agent", f.agent]);
    await omniFails(1, ["routes", "list", "--active", "--inactive"], { env });
    await omniFails(1, ["routes", "update", "00000000-0000-4000-8000-000000000000"], { env });
    await omniFails(1, ["routes", "list", "--instance", "not-a-uuid"], { env });
  });

  it("prints a table for people", async () => {
    const f = await fixtures("c");
    await omniJson(["routes", "create", "--instance", f.instance, "--scope", "chat", "--chat", f.chat, "--agent", f.agent, "--label", "table-check"], { env });
    const r = await omni(["routes", "list", "--instance", f.instance], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^ID\s+INSTANCE\s+TARGET\s+AGENT\s+PRIO\s+ACTIVE\s+LABEL$/);
    expect(r.stdout).toContain("table-check");
  });
});
