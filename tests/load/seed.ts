// Seeds a small world through the public API (and an admin key through the admin command).
import { execFileSync } from "node:child_process";
import { tsxArgs } from "../../scripts/lib/tsx";

export async function createKey(databaseUrl: string): Promise<string> {
  const out = execFileSync(process.execPath, tsxArgs("scripts/admin.ts", "create-key", "--name", "load", "--scopes", "*", "--rate-limit", "100000", "--json"), {
    env: { ...process.env, DATABASE_URL: databaseUrl, OMNI_LOG: "silent" },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!).key;
}

export async function seedWorld(base: string, headers: Record<string, string>) {
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${base}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
    const j = await r.json();
    if (r.status !== 201) throw new Error(`seed ${path}: ${r.status} ${JSON.stringify(j)}`);
    return j.data as { id: string };
  };
  const agents = [];
  for (const name of ["Sales", "Support", "Billing"]) agents.push((await post("/agents", { name: `${name} ${Date.now()}`, provider: "anthropic" })).id);
  const instances = [];
  for (const [name, channel] of [["wa", "whatsapp"], ["tg", "telegram"]]) {
    instances.push((await post("/instances", { name: `${name}-${Date.now()}`, channel })).id);
  }
  const chats: { id: string; instanceId: string }[] = [];
  for (let i = 0; i < 50; i++) {
    const instanceId = instances[i % 2];
    chats.push({ id: (await post("/chats", { instanceId, externalId: `chat-${i}`, title: `Room ${i}`, type: "group" })).id, instanceId });
  }
  const names = ["Ada", "Bob", "Cara", "Dan", "Eve"];
  const persons: string[] = [];
  for (let i = 0; i < 200; i++) {
    persons.push((await post("/persons", {
      displayName: `${names[i % 5]} ${i}`,
      primaryPhone: `+4930${String(1_000_000 + i)}`,
      identities: [{ instanceId: instances[i % 2], platformUserId: `user-${i}`, platformUsername: `user${i}` }],
    })).id);
  }
  const routes: string[] = [];
  for (let i = 0; i < 100; i++) {
    const chat = chats[i % 50];
    routes.push((await post("/routes", i < 50
      ? { instanceId: chat.instanceId, scope: "chat", chatId: chat.id, agentId: agents[i % 3], priority: i % 4 }
      : { instanceId: instances[i % 2], scope: "user", personId: persons[i], agentId: agents[i % 3] })).id);
  }
  return { agents, instances, chats, persons, routes };
}
