// Racing writes, lock-first and lock-last interleaved (on PostgreSQL they really run side by side
// in separate transactions; on SQLite one write transaction at a time): merges both ways over the
// same pairs, links, unlinks, reverts of earlier merges, person edits, route edits and key rolls —
// about 1,000 operations in waves of 40. Only contract refusals are allowed (409 — retryable or a
// domain conflict —, 404 for a record merged or deleted meanwhile, 400); afterwards no identity or
// route was lost, every identity and route is on an existing person, every rolled key has exactly
// one successor, and once sealed the audit chain verifies with every event in it.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemPrincipal } from "@/lib/auth/principal";
import { isAppError, type AppError } from "@/lib/errors";
import { fromPrismaError } from "@/lib/db/prisma-errors";
import { createInstance } from "@/lib/catalog/instances";
import { createAgent } from "@/lib/catalog/agents";
import { createPerson } from "@/lib/persons/create-person";
import { updatePerson } from "@/lib/persons/update-person";
import { mergePersons } from "@/lib/persons/merge-persons";
import { linkIdentities } from "@/lib/persons/link-identities";
import { unlinkIdentity } from "@/lib/persons/unlink-identity";
import { createRoute } from "@/lib/routes/create-route";
import { updateRoute } from "@/lib/routes/update-route";
import { routeCreateSchema } from "@/lib/routes/schemas";
import { createApiKey } from "@/lib/keys/create-key";
import { rollApiKey } from "@/lib/keys/roll-key";
import { revertAuditEvent } from "@/lib/audit/revert-event";
import { sealAll } from "../support/seal-all";
import { verifyAuditChain } from "@/lib/audit/verify-chain";

const admin = systemPrincipal("write-races");
const OPS = Number(process.env.RACE_OPS) || 1000;
const WAVE = 40;
const ALLOWED = new Set(["CONFLICT", "NOT_FOUND", "VALIDATION_ERROR"]);

describe("write races", () => {
  it(`keeps every invariant through ${OPS} racing audited writes, and the chain verifies once sealed`, async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const inst = await createInstance(admin, { name: `races-${tag}`, channel: "whatsapp" });
    const agent = await createAgent(admin, { name: `Races ${tag}`, provider: "anthropic" });
    const persons: string[] = [];
    for (let i = 0; i < 24; i++) {
      const p = await createPerson(admin, {
        displayName: `Racer ${tag} ${i}`,
        identities: [0, 1].map((k) => ({ instanceId: inst.id, platformUserId: `${tag}-${i}-${k}` })),
      });
      persons.push(p.id);
      await createRoute(admin, routeCreateSchema.parse({ instanceId: inst.id, scope: "user", personId: p.id, agentId: agent.id, priority: i, label: `r${i}` }));
    }
    const identityIds = (await prisma.platformIdentity.findMany({ where: { instanceId: inst.id }, select: { id: true } })).map((i) => i.id);
    const routeIds = (await prisma.agentRoute.findMany({ where: { instanceId: inst.id }, select: { id: true } })).map((r) => r.id);
    const keyIds: string[] = [];
    for (let i = 0; i < 6; i++) keyIds.push((await createApiKey(admin, { name: `race-${tag}-${i}`, scopes: ["routes:read"] })).id);

    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor(seed / 2 ** 15) % n); // high bits: the low ones cycle
    const pick = <T,>(xs: T[]) => xs[rnd(xs.length)];
    const mergeEvents: string[] = [];
    const counts: Record<string, number> = {};
    const unexpected: unknown[] = [];
    let succeeded = 0;

    const started = Date.now();
    for (let done = 0; done < OPS; done += WAVE) {
      // Persons as they are now (merges delete, unlinks create): pairs over a small, overlapping set.
      const live = (await prisma.person.findMany({ where: { identities: { some: { instanceId: inst.id } } }, select: { id: true } })).map((p) => p.id);
      const pool = [...live, ...persons.slice(0, 4)]; // some already merged away: 404s
      const wave = Array.from({ length: Math.min(WAVE, OPS - done) }, (_, i): [string, () => Promise<unknown>] => {
        const n = done + i;
        const a = pick(pool);
        const b = pick(pool);
        switch (n % 9) {
          case 0: return ["merge", async () => mergeEvents.push((await mergePersons(admin, { sourceId: a, targetId: b, reason: `race ${n}` })).auditEventId)];
          case 1: return ["merge", async () => mergeEvents.push((await mergePersons(admin, { sourceId: b, targetId: a, reason: `race ${n}` })).auditEventId)];
          case 2: return ["person.update", () => updatePerson(admin, a, { displayName: `Racer ${tag} ${n}` })];
          case 3: return ["route.update", () => updateRoute(admin, pick(routeIds), { priority: rnd(100) })];
          case 4: return ["key.roll", async () => { const k = await rollApiKey(admin, pick(keyIds.slice(-8)), { gracePeriodSeconds: rnd(2) * 60 }); keyIds.push(k.id); }];
          case 5: return ["revert", () => (mergeEvents.length ? revertAuditEvent(admin, pick(mergeEvents), "race revert") : updatePerson(admin, b, { primaryEmail: `r${n}@example.com` }))];
          case 6: return ["link", () => linkIdentities(admin, { identityA: pick(identityIds), identityB: pick(identityIds), reason: `race ${n}` })];
          case 7: return ["unlink", () => unlinkIdentity(admin, pick(identityIds), { reason: `race ${n}` })];
          default: return ["person.update", () => updatePerson(admin, b, { primaryPhone: `+4930${n}` })];
        }
      });
      const results = await Promise.allSettled(wave.map(([, op]) => op()));
      results.forEach((r, i) => {
        const kind = wave[i][0];
        // As the API answers it (lib/api/handler.ts): an AppError, or a known Prisma error mapped to one.
        const err: AppError | null = r.status === "fulfilled" ? null : isAppError(r.reason) ? r.reason : fromPrismaError(r.reason);
        const key = r.status === "fulfilled" ? `${kind} ok` : `${kind} ${err?.code ?? "UNEXPECTED"}`;
        counts[key] = (counts[key] ?? 0) + 1;
        if (r.status === "fulfilled") succeeded++;
        else if (!err || !ALLOWED.has(err.code)) unexpected.push(r.reason);
        if (r.status === "rejected" && process.env.RACE_DEBUG) console.log(kind, String(r.reason?.message));
      });
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`write races: ${OPS} operations in ${seconds.toFixed(1)} s`, counts);
    expect(unexpected.map((e) => String((e as Error)?.stack ?? e))).toEqual([]);
    expect(succeeded).toBeGreaterThan(OPS / 3);
    for (const kind of ["merge", "person.update", "route.update", "key.roll", "revert", "link", "unlink"]) expect(counts[`${kind} ok`], kind).toBeGreaterThan(0);

    // No identity or route lost; every one on a person that exists.
    const ids = await prisma.platformIdentity.findMany({ where: { instanceId: inst.id }, select: { id: true, personId: true } });
    expect(ids.map((i) => i.id).sort()).toEqual([...identityIds].sort());
    const routes = await prisma.agentRoute.findMany({ where: { instanceId: inst.id }, select: { id: true, personId: true } });
    expect(routes.map((r) => r.id).sort()).toEqual([...routeIds].sort());
    const owners = new Set([...ids.map((i) => i.personId), ...routes.map((r) => r.personId!)]);
    expect(await prisma.person.count({ where: { id: { in: [...owners] } } })).toBe(owners.size);
    // One successor per rolled key.
    const rolled = await prisma.apiKey.groupBy({ by: ["rolledFromId"], where: { rolledFromId: { not: null } }, _count: { _all: true } });
    expect(rolled.filter((g) => g._count._all > 1)).toEqual([]);

    await sealAll();
    const v = await verifyAuditChain();
    expect(v).toMatchObject({ ok: true, unsealed: { count: 0 } });
    expect(v.sealedThrough).toBe(await prisma.auditEvent.count());
  }, 300_000);
});
