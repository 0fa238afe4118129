// Every list at depth: page 1 (25 rows, default order: newest first) beside the page after 5,000
// rows (the `nextCursor` a client holds after walking that far), through the real services, on
// 10,000 rows per list in a scratch database (SQLite or PostgreSQL, see bench/lib.ts). Keyset
// pagination (lib/db/keyset.ts) should make the deep page cost about what page 1 costs.
// (The persons list and search are in bench/persons.ts, on 100,000 persons.)
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { fmt, latencies, ratio, withScratchDatabase, type BenchRow } from "./lib";

const ROWS = Number(process.env.BENCH_LIST_ROWS ?? 10_000);
const DEPTH = 5_000;
type Page = { items: unknown[]; nextCursor: string | null };

export async function bench(): Promise<BenchRow[]> {
  process.env.OMNI_LOG ??= "silent";
  return withScratchDatabase("lists", () => run());
}

async function run(): Promise<BenchRow[]> {
  const { prisma } = await import("../lib/db");
  const { systemPrincipal } = await import("../lib/auth/principal");
  const { parseInput } = await import("../lib/schemas/parse");
  const { listQuerySchema } = await import("../lib/schemas/common");
  const { listInstances } = await import("../lib/catalog/instances");
  const { listAgents } = await import("../lib/catalog/agents");
  const { listChats } = await import("../lib/catalog/chats");
  const { chatListQuerySchema } = await import("../lib/catalog/schemas");
  const { listApiKeys } = await import("../lib/keys/list-keys");
  const { keyListQuerySchema } = await import("../lib/keys/schemas");
  const { listRoutes } = await import("../lib/routes/list-routes");
  const { routeListQuerySchema } = await import("../lib/routes/schemas");
  const { listUsers } = await import("../lib/users/read-users");
  const { userListQuerySchema } = await import("../lib/users/schemas");
  const { listAudit } = await import("../lib/audit/read-audit");
  const { auditListQuerySchema } = await import("../lib/audit/schemas");
  const admin = systemPrincipal("bench");

  // Seed: createMany in chunks (one statement per chunk), creation times one second apart.
  const started = performance.now();
  const base = Date.now() - ROWS * 1000;
  const at = (n: number) => new Date(base + n * 1000);
  const chunks = async <T,>(make: (n: number) => T, insert: (rows: T[]) => Promise<unknown>) => {
    for (let from = 0; from < ROWS; from += 2000) await insert(Array.from({ length: Math.min(2000, ROWS - from) }, (_, i) => make(from + i)));
  };
  const agentIds = Array.from({ length: ROWS }, () => randomUUID());
  await chunks((n) => ({ id: agentIds[n], name: `agent ${n}`, provider: "openai", createdAt: at(n), updatedAt: at(n) }), (data) => prisma.agent.createMany({ data }));
  const instanceIds = Array.from({ length: ROWS }, () => randomUUID());
  await chunks((n) => ({ id: instanceIds[n], name: `instance ${n}`, channel: "whatsapp", createdAt: at(n), updatedAt: at(n) }), (data) => prisma.instance.createMany({ data }));
  const inst = instanceIds[0];
  const chatIds = Array.from({ length: ROWS }, () => randomUUID());
  await chunks((n) => ({ id: chatIds[n], instanceId: inst, externalId: `chat-${n}`, title: `Chat ${n}`, createdAt: at(n), updatedAt: at(n) }), (data) => prisma.chat.createMany({ data }));
  await chunks((n) => ({ instanceId: inst, scope: "chat", chatId: chatIds[n], agentId: agentIds[n % 100], createdAt: at(n), updatedAt: at(n) }), (data) => prisma.agentRoute.createMany({ data }));
  await chunks((n) => ({ name: `key ${n}`, prefix: `omni_sk_${String(n).padStart(8, "0")}`, keyHash: randomUUID(), scopes: "*", createdAt: at(n), updatedAt: at(n) }), (data) => prisma.apiKey.createMany({ data: data as never }));
  await chunks((n) => ({ email: `user${n}@bench.example`, passwordHash: "", role: "viewer", createdAt: at(n), updatedAt: at(n) }), (data) => prisma.user.createMany({ data: data as never }));
  const maxSeq = (await prisma.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0;
  await chunks((n) => ({ seq: maxSeq + n + 1, at: at(n), actorType: "system", action: "person.create", targetType: "person", targetId: randomUUID(), hash: randomUUID() }), (data) => prisma.auditEvent.createMany({ data: data as never }));
  const seedMs = performance.now() - started;

  const lists: { name: string; fetch: (limit: number, cursor?: string) => Promise<Page> }[] = [
    { name: "instances", fetch: (limit, cursor) => listInstances(admin, parseInput(listQuerySchema, { limit, cursor })) },
    { name: "agents", fetch: (limit, cursor) => listAgents(admin, parseInput(listQuerySchema, { limit, cursor })) },
    { name: "chats", fetch: (limit, cursor) => listChats(admin, parseInput(chatListQuerySchema, { limit, cursor })) },
    { name: "routes", fetch: (limit, cursor) => listRoutes(admin, parseInput(routeListQuerySchema, { limit, cursor })) },
    { name: "keys", fetch: (limit, cursor) => listApiKeys(admin, parseInput(keyListQuerySchema, { limit, cursor })) },
    { name: "users", fetch: (limit, cursor) => listUsers(admin, parseInput(userListQuerySchema, { limit, cursor })) },
    { name: "audit", fetch: (limit, cursor) => listAudit(admin, parseInput(auditListQuerySchema, { limit, cursor })) },
  ];
  const rows: BenchRow[] = [{ key: "data", name: "rows per list", value: fmt(ROWS), baseline: `seeded in ${fmt(seedMs / 1000, 1)} s` }];
  for (const list of lists) {
    let cursor: string | undefined;
    let walked = 0;
    while (walked < DEPTH) {
      const page = await list.fetch(200, cursor);
      walked += page.items.length;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const page1 = await latencies(() => list.fetch(25), 20);
    const deep = await latencies(() => list.fetch(25, cursor), 20);
    rows.push({
      key: `list-${list.name}`,
      name: `${list.name}: page after ${fmt(walked)} rows vs page 1 (25 rows), p50`,
      value: `${fmt(deep.p50, 1)} ms (p95 ${fmt(deep.p95, 1)})`,
      baseline: `page 1 ${fmt(page1.p50, 1)} ms (p95 ${fmt(page1.p95, 1)})`,
      ratio: ratio(deep.p50, page1.p50),
    });
  }
  return rows;
}
