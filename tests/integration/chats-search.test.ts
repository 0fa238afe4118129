// The chats list's `q` filter (what the Instances page's Chats card searches with): a
// case-insensitive substring of the title or the external id on both databases, `%` and `_`
// literal (never LIKE wildcards), scoped to an instance, and keyset pages that walk every match once.
import { describe, expect, it } from "vitest";
import { createInstance } from "@/lib/catalog/instances";
import { createChat, listChats } from "@/lib/catalog/chats";
import { admin, uniq } from "./routes-helpers";

async function setup() {
  const tag = uniq();
  const inst = await createInstance(admin, { name: `cs-${tag}`, channel: "whatsapp", defaultAgentId: null });
  const mk = (title: string | null, externalId: string) => createChat(admin, { instanceId: inst.id, externalId: `${tag}-${externalId}`, title: title ?? undefined, type: "group" });
  const chats = {
    pct: await mk(`Sale 100% ${tag}`, "p1"),
    pctLookalike: await mk(`Sale 1000 ${tag}`, "p2"),
    under: await mk(`a_b ${tag}`, "u1"),
    underLookalike: await mk(`axb ${tag}`, "u2"),
    upper: await mk(`OPS ROOM ${tag}`, "o1"),
    untitled: await mk(null, "Ext_ID-42"),
  };
  return { tag, inst, chats };
}

const ids = async (q: string, instance: string) => (await listChats(admin, { limit: 200, q, instance })).items.map((c) => c.id).sort();

describe("listChats q", () => {
  it("matches title or external id, case-insensitively; % and _ are literal", async () => {
    const { inst, chats } = await setup();
    expect(await ids("100%", inst.id)).toEqual([chats.pct.id]);
    expect(await ids("a_b", inst.id)).toEqual([chats.under.id]);
    expect(await ids("%", inst.id)).toEqual([chats.pct.id]);
    expect(await ids("_", inst.id)).toEqual([chats.under.id, chats.untitled.id].sort());
    expect(await ids("ops room", inst.id)).toEqual([chats.upper.id]);
    expect(await ids("ext_id-42", inst.id)).toEqual([chats.untitled.id]); // external id, case-insensitive
    expect(await ids("   ", inst.id)).toHaveLength(6); // blank: no filter
    expect(await ids("nothing-like-this", inst.id)).toEqual([]);
  });

  it("a backslash is literal too", async () => {
    const tag = uniq();
    const inst = await createInstance(admin, { name: `cs-${tag}`, channel: "whatsapp", defaultAgentId: null });
    const slash = await createChat(admin, { instanceId: inst.id, externalId: `${tag}-s`, title: "C:\\share\\b", type: "group" });
    await createChat(admin, { instanceId: inst.id, externalId: `${tag}-t`, title: "C:sharexb", type: "group" });
    expect(await ids("\\b", inst.id)).toEqual([slash.id]);
    expect(await ids("\\%", inst.id)).toEqual([]);
  });

  it("a wildcard search pages through its literal matches once each, past rows that only LIKE would match", async () => {
    const { inst, chats } = await setup();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listChats(admin, { limit: 1, q: "_", instance: inst.id, cursor });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((c) => c.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(2);
    expect([...seen].sort()).toEqual([chats.untitled.id, chats.under.id].sort());
  });

  it("keyset pages over a search return every match exactly once, newest first", async () => {
    const { tag, inst } = await setup();
    const want = await ids(tag, inst.id);
    expect(want.length).toBeGreaterThanOrEqual(6);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listChats(admin, { limit: 2, q: tag, instance: inst.id, cursor });
      seen.push(...page.items.map((c) => c.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect([...seen].sort()).toEqual(want);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
