import { describe, expect, inject, it } from "vitest";
import { omni, omniFails, omniJson } from "./support/run";

const { apiUrl, keys } = inject("cli");
const env = { OMNI_API_KEY: keys.admin.key, OMNI_API_URL: apiUrl };
type Page = { items: { id: string }[]; nextCursor: string | null };

describe("omni instances | agents | chats (--json: one JSON document on stdout)", () => {
  it("create → list → get for each", async () => {
    const agent = await omniJson<{ id: string; name: string; model: string }>(["agents", "create", "--name", "catalog-agent", "--provider", "openai", "--model", "gpt-4o-mini", "--description", "test"], { env });
    expect(agent).toMatchObject({ name: "catalog-agent", model: "gpt-4o-mini" });
    const inst = await omniJson<{ id: string; defaultAgentId: string }>(["instances", "create", "--name", "catalog-inst", "--channel", "discord", "--default-agent", agent.id], { env });
    expect(inst.defaultAgentId).toBe(agent.id);
    const chat = await omniJson<{ id: string; type: string; title: string }>(["chats", "create", "--instance", inst.id, "--external-id", "g-1", "--title", "General", "--type", "channel"], { env });
    expect(chat).toMatchObject({ type: "channel", title: "General" });

    expect((await omniJson<Page>(["instances", "list", "--all", "--limit", "2"], { env })).items.map((i) => i.id)).toContain(inst.id);
    expect((await omniJson<Page>(["agents", "list", "--limit", "200"], { env })).items.map((i) => i.id)).toContain(agent.id);
    expect((await omniJson<Page>(["chats", "list", "--instance", inst.id, "--q", "g-1"], { env })).items.map((i) => i.id)).toEqual([chat.id]);
    expect(await omniJson<{ id: string }>(["instances", "get", inst.id], { env })).toMatchObject({ id: inst.id });
    expect(await omniJson<{ id: string }>(["agents", "get", agent.id], { env })).toMatchObject({ id: agent.id });
    expect(await omniJson<{ id: string }>(["chats", "get", chat.id], { env })).toMatchObject({ id: chat.id });

    await omniFails(1, ["instances", "create", "--name", "x", "--channel", "pager"], { env });
    await omniFails(1, ["chats", "create", "--instance", "nope", "--external-id", "x"], { env });
    const human = await omni(["chats", "list", "--instance", inst.id], { env });
    expect(human.stdout).toMatch(/^ID\s+INSTANCE\s+EXTERNAL ID\s+TITLE\s+TYPE/);
  });
});
