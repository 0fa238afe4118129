// updatePerson and updateRoute (settings edits) on PostgreSQL take no lock while they read
// (lib/persons/update-person.ts, lib/routes/update-route.ts): their one write statement applies
// only if the row's version (xmin) is still the one they read. These tests hold a transaction open
// on the row, as a merge, link or unlink does, let the update read and block on that row, change
// things, commit, and check that the update then applied to the row as it was after the commit:
// the identities in the event's subjects, the fields in the event's "before", If-Match checked
// against it. SQLite runs one write transaction at a time: the interleaving cannot happen there.
import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { dbProvider, prisma } from "@/lib/db";
import { databaseUrl } from "@/lib/db/url";
import { lockedPersonsCtes } from "@/lib/db/audited-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { createInstance, deleteInstance } from "@/lib/catalog/instances";
import { createPerson } from "@/lib/persons/create-person";
import { updatePerson } from "@/lib/persons/update-person";
import { createAgent } from "@/lib/catalog/agents";
import { createRoute } from "@/lib/routes/create-route";
import { updateRoute } from "@/lib/routes/update-route";
import { mergePersons } from "@/lib/persons/merge-persons";
import { routeCreateSchema } from "@/lib/routes/schemas";
import { etagOf } from "@/lib/api/etag";
import { revealSnapshots } from "@/lib/privacy/reveal-personal-fields";
import { admin, expectCode, uniq } from "./routes-helpers";

const clients: pg.Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => {});
});

/** A transaction of its own on another connection, begun. */
async function otherTransaction(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: databaseUrl() });
  clients.push(c);
  await c.connect();
  await c.query("BEGIN");
  return c;
}

/** Locks the persons in `t` the way every write that moves identities does (lockRows' statement). */
async function lockPersons(t: pg.Client, ids: string[]) {
  const q = Prisma.sql`WITH ${lockedPersonsCtes(ids)} SELECT "id" FROM v`;
  await t.query(q.text, q.values);
}

/** Waits until a statement updating `table` waits for a row lock (the update read, then blocked). */
async function updateBlocked(table = "Person") {
  for (let i = 0; i < 200; i++) {
    const r = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE wait_event_type = 'Lock' AND query LIKE ${`%UPDATE "${table}" SET%`} AND query LIKE '%xmin%'`;
    if (r[0].n > 0) return;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error("the update never blocked on the person's row");
}

async function twoPersons() {
  const i1 = (await createInstance(admin, { name: `opt-a-${uniq()}`, channel: "whatsapp" })).id;
  const i2 = (await createInstance(admin, { name: `opt-b-${uniq()}`, channel: "telegram" })).id;
  const a = await createPerson(admin, { displayName: `Opt A ${uniq()}`, identities: [{ instanceId: i1, platformUserId: `oa-${uniq()}` }] });
  const b = await createPerson(admin, { displayName: `Opt B ${uniq()}`, identities: [{ instanceId: i2, platformUserId: `ob-${uniq()}` }] });
  return { i1, i2, a, b };
}

async function lastUpdateOf(personId: string) {
  const e = await prisma.auditEvent.findFirstOrThrow({
    where: { action: "person.update", targetId: personId }, orderBy: { seq: "desc" },
    select: { id: true, targetType: true, targetId: true, before: true, after: true, subjects: { select: { subjectId: true, instances: { select: { instanceId: true } } } } },
  });
  return (await revealSnapshots(prisma, [e]))[0];
}

describe.skipIf(dbProvider !== "postgresql")("person and route updates without a lock (PostgreSQL)", () => {
  it("an identity moved onto the person while the update waited is in the event's subjects", async () => {
    const { i1, i2, a, b } = await twoPersons();
    // as a link does: the persons locked (the lock writes a new version of each), the identity moved
    const t = await otherTransaction();
    await lockPersons(t, [a.id, b.id]);
    const update = updatePerson(admin, a.id, { displayName: `Renamed ${uniq()}` });
    await updateBlocked();
    await t.query(`UPDATE "PlatformIdentity" SET "personId" = $1 WHERE "personId" = $2`, [a.id, b.id]);
    await t.query("COMMIT");
    const view = await update;
    expect(view.identities.map((i) => i.instanceId).sort()).toEqual([i1, i2].sort());
    const event = await lastUpdateOf(a.id);
    const subject = event.subjects.find((s) => s.subjectId === a.id)!;
    expect(subject.instances.map((x) => x.instanceId).sort()).toEqual([i1, i2].sort());
  });

  it("a field changed while the update waited is its event's before, and If-Match is checked against it", async () => {
    const { a } = await twoPersons();
    const t = await otherTransaction();
    await lockPersons(t, [a.id]);
    const update = updatePerson(admin, a.id, { displayName: "Third" });
    await updateBlocked();
    await t.query(`UPDATE "Person" SET "displayName" = 'Second' WHERE "id" = $1`, [a.id]);
    await t.query("COMMIT");
    const third = await update;
    const stored = await prisma.person.findUniqueOrThrow({ where: { id: a.id } });
    expect(third.updatedAt).toEqual(stored.updatedAt); // the answer is the row as written
    expect(third.updatedAt.getTime()).toBeGreaterThan(a.updatedAt.getTime());
    const event = await lastUpdateOf(a.id);
    expect(event.before).toEqual({ displayName: "Second" });
    expect(event.after).toEqual({ displayName: "Third" });

    // If-Match names the version the update reads; another edit commits while it waits: 412
    const t2 = await otherTransaction();
    await lockPersons(t2, [a.id]);
    const stale = updatePerson(admin, a.id, { displayName: "Fourth" }, [etagOf(third)]);
    stale.catch(() => {});
    await updateBlocked();
    await t2.query(`UPDATE "Person" SET "primaryEmail" = 'other@example.com' WHERE "id" = $1`, [a.id]);
    await t2.query("COMMIT");
    await expectCode(stale, "PRECONDITION_FAILED");
    expect((await prisma.person.findUniqueOrThrow({ where: { id: a.id } })).displayName).toBe("Third");
  });

  it("a person deleted while the update waited answers 404, and nothing is written", async () => {
    const { a } = await twoPersons();
    const events = await prisma.auditEvent.count({ where: { targetId: a.id } });
    const t = await otherTransaction();
    await lockPersons(t, [a.id]);
    const update = updatePerson(admin, a.id, { displayName: "Gone" });
    update.catch(() => {});
    await updateBlocked();
    await t.query(`DELETE FROM "PlatformIdentity" WHERE "personId" = $1`, [a.id]);
    await t.query(`DELETE FROM "Person" WHERE "id" = $1`, [a.id]);
    await t.query("COMMIT");
    await expectCode(update, "NOT_FOUND");
    expect(await prisma.auditEvent.count({ where: { targetId: a.id } })).toBe(events);
  });

  it("a route re-pointed by a merge while its update waited: the update applies to it as re-pointed", async () => {
    const { i1, i2, a, b } = await twoPersons();
    const agent = await createAgent(admin, { name: `opt-agent-${uniq()}`, provider: "openai" });
    const route = await createRoute(admin, routeCreateSchema.parse({ instanceId: i1, scope: "user", personId: a.id, agentId: agent.id, priority: 1 }));
    // as a merge of a into b does: both persons locked (and bumped), a's route re-pointed, a's identities moved
    const t = await otherTransaction();
    await lockPersons(t, [a.id, b.id]);
    await t.query(`UPDATE "AgentRoute" SET "personId" = $1 WHERE "id" = $2`, [b.id, route.id]);
    const update = updateRoute(admin, route.id, { priority: 7, label: "raced" });
    await updateBlocked("AgentRoute");
    await t.query(`UPDATE "PlatformIdentity" SET "personId" = $1 WHERE "personId" = $2`, [b.id, a.id]);
    await t.query("COMMIT");
    const view = await update;
    expect(view).toMatchObject({ personId: b.id, priority: 7, label: "raced" });
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "route.update", targetId: route.id }, orderBy: { seq: "desc" },
      select: { before: true, after: true, subjects: { select: { subjectId: true, instances: { select: { instanceId: true } } } } },
    });
    expect((event.before as { personId: string }).personId).toBe(b.id);
    expect((event.after as { personId: string; priority: number }).personId).toBe(b.id);
    const person = event.subjects.find((x) => x.subjectId === b.id);
    expect(person?.instances.map((x) => x.instanceId).sort()).toEqual([i1, i2].sort());
    expect(event.subjects.some((x) => x.subjectId === a.id)).toBe(false);
  });

  it("a route whose person gained an identity after the update read it: the event names the person as it is", async () => {
    const { i1, i2, a, b } = await twoPersons();
    const agent = await createAgent(admin, { name: `opt-agent-${uniq()}`, provider: "openai" });
    const route = await createRoute(admin, routeCreateSchema.parse({ instanceId: i1, scope: "user", personId: a.id, agentId: agent.id, priority: 1 }));
    // The update reads; its write statement then waits to open the outbox table (held here), before
    // it takes its snapshot. Meanwhile a link moves b's identity onto a and commits; the route itself
    // is untouched. The write must see that the person changed since it was read.
    const t = await otherTransaction();
    await t.query(`LOCK TABLE "WebhookOutbox" IN SHARE MODE`);
    const update = updateRoute(admin, route.id, { priority: 3 });
    await updateBlocked("AgentRoute");
    const link = await otherTransaction();
    await lockPersons(link, [a.id, b.id]);
    await link.query(`UPDATE "PlatformIdentity" SET "personId" = $1 WHERE "personId" = $2`, [a.id, b.id]);
    await link.query("COMMIT");
    await t.query("COMMIT");
    await update;
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "route.update", targetId: route.id }, orderBy: { seq: "desc" },
      select: { subjects: { select: { subjectId: true, instances: { select: { instanceId: true } } } } },
    });
    const person = event.subjects.find((x) => x.subjectId === a.id);
    expect(person?.instances.map((x) => x.instanceId).sort()).toEqual([i1, i2].sort());
  });

  it("a route's new agent deleted between the read and the write: 404, nothing written", async () => {
    const { i1, a } = await twoPersons();
    const agent = await createAgent(admin, { name: `opt-agent-${uniq()}`, provider: "openai" });
    const doomed = await createAgent(admin, { name: `opt-doomed-${uniq()}`, provider: "openai" });
    const route = await createRoute(admin, routeCreateSchema.parse({ instanceId: i1, scope: "user", personId: a.id, agentId: agent.id, priority: 1 }));
    const events = await prisma.auditEvent.count({ where: { targetId: route.id } });
    // the update reads (the agent exists); its write waits to open the outbox table; the agent is deleted
    const t = await otherTransaction();
    await t.query(`LOCK TABLE "WebhookOutbox" IN SHARE MODE`);
    const update = updateRoute(admin, route.id, { agentId: doomed.id });
    update.catch(() => {});
    await updateBlocked("AgentRoute");
    await prisma.agent.delete({ where: { id: doomed.id } });
    await t.query("COMMIT");
    const e = await expectCode(update, "NOT_FOUND");
    expect(e.message).toMatch(/agent/i);
    expect((await prisma.agentRoute.findUniqueOrThrow({ where: { id: route.id } })).agentId).toBe(agent.id);
    expect(await prisma.auditEvent.count({ where: { targetId: route.id } })).toBe(events);
  });
});

// mergePersons on PostgreSQL reads both persons and their routes without a lock, then writes in one
// statement that first locks both persons and their routes and compares their xmins with what it
// read. These tests hold a row lock on a person (FOR NO KEY UPDATE: as a transaction that is about
// to change it), so that the merge's statement waits with its snapshot taken; they change things
// meanwhile and check that the merge applied to them as they were when it ran.
describe.skipIf(dbProvider !== "postgresql")("merges without a lock (PostgreSQL)", () => {
  async function holdPerson(id: string) {
    const t = await otherTransaction();
    await t.query(`SELECT 1 FROM "Person" WHERE "id" = $1 FOR NO KEY UPDATE`, [id]);
    return t;
  }
  const settled = <T,>(p: Promise<T>, ms: number) => Promise.race([p.then(() => "done" as const, () => "done" as const), new Promise<"waiting">((r) => setTimeout(() => r("waiting"), ms))]);

  it("a route created for the source while the merge waited ends on the survivor, not deleted with the source", async () => {
    const { i1, a, b } = await twoPersons();
    const agent = await createAgent(admin, { name: `opt-agent-${uniq()}`, provider: "openai" });
    const t = await holdPerson(a.id);
    const merge = mergePersons(admin, { sourceId: a.id, targetId: b.id, reason: "race" });
    await updateBlocked();
    // a route for the source: without locking its person, it commits at once (the merge read before it)
    const create = createRoute(admin, routeCreateSchema.parse({ instanceId: i1, scope: "user", personId: a.id, agentId: agent.id, priority: 1 }));
    create.catch(() => {});
    await settled(create, 1000);
    await t.query("COMMIT");
    const merged = await merge;
    const created = await create.then((r) => r, (e: { status?: number; code?: string }) => e);
    if ("id" in created) {
      // acknowledged: the route must still be there, on the survivor, and the merge says it moved it
      const route = await prisma.agentRoute.findUnique({ where: { id: created.id } });
      expect(route?.personId).toBe(b.id);
      expect(merged.repointedRouteIds).toContain(created.id);
    } else {
      // refused because the person was merged away first: 404 naming the survivor, and no route
      expect(created).toMatchObject({ code: "NOT_FOUND", details: { mergedInto: b.id } });
      expect(await prisma.agentRoute.count({ where: { personId: { in: [a.id, b.id] } } })).toBe(0);
    }
  });

  it("a survivor's route activated while the merge waited: the source's route is deactivated as a conflict", async () => {
    const { i1, a, b } = await twoPersons();
    const agent = await createAgent(admin, { name: `opt-agent-${uniq()}`, provider: "openai" });
    const ra = await createRoute(admin, routeCreateSchema.parse({ instanceId: i1, scope: "user", personId: a.id, agentId: agent.id, priority: 1 }));
    const rb = await createRoute(admin, routeCreateSchema.parse({ instanceId: i1, scope: "user", personId: b.id, agentId: agent.id, priority: 1, active: false }));
    const t = await holdPerson(b.id);
    const merge = mergePersons(admin, { sourceId: a.id, targetId: b.id, reason: "race" });
    await updateBlocked();
    await updateRoute(admin, rb.id, { active: true }); // takes no person lock: commits while the merge waits
    await t.query("COMMIT");
    const merged = await merge;
    expect(merged.conflictingRouteIds).toEqual([ra.id]);
    const routes = await prisma.agentRoute.findMany({ where: { personId: b.id }, select: { id: true, active: true } });
    expect(routes.filter((r) => r.active).map((r) => r.id)).toEqual([rb.id]);
  });

  it("a merge's event holds both persons' routes exactly as stored", async () => {
    const { i1, i2, a, b } = await twoPersons();
    const agent = await createAgent(admin, { name: `opt-agent-${uniq()}`, provider: "openai" });
    const ra = await createRoute(admin, routeCreateSchema.parse({ instanceId: i1, scope: "user", personId: a.id, agentId: agent.id, priority: 4, label: "from a" }));
    const rb = await createRoute(admin, routeCreateSchema.parse({ instanceId: i2, scope: "user", personId: b.id, agentId: agent.id, priority: 2 }));
    const stored = async (id: string) => JSON.parse(JSON.stringify(await prisma.agentRoute.findUniqueOrThrow({
      where: { id }, select: { id: true, instanceId: true, scope: true, personId: true, agentId: true, priority: true, active: true, label: true, updatedAt: true },
    })));
    const [sa, sb] = [await stored(ra.id), await stored(rb.id)];
    const merged = await mergePersons(admin, { sourceId: a.id, targetId: b.id });
    const e = await prisma.auditEvent.findUniqueOrThrow({ where: { id: merged.auditEventId }, select: { before: true, after: true } });
    const before = e.before as { source: { routes: unknown[] }; target: { routes: unknown[] } };
    expect(before.source.routes).toEqual([sa]);
    expect(before.target.routes).toEqual([sb]);
    const after = e.after as { person: { routes: { id: string; personId: string }[] } };
    expect(after.person.routes.map((r) => [r.id, r.personId])).toEqual([[ra.id, b.id], [rb.id, b.id]]);
    expect(after.person.routes[1]).toEqual(sb);
  });

  it("an instance deleted while the merge waited: its identities are not in the event", async () => {
    const { i1, b } = await twoPersons();
    const i3 = (await createInstance(admin, { name: `opt-c-${uniq()}`, channel: "discord" })).id;
    const s = await createPerson(admin, { displayName: `Opt S ${uniq()}`, identities: [{ instanceId: i1, platformUserId: `os-${uniq()}` }, { instanceId: i3, platformUserId: `os-${uniq()}` }] });
    const doomed = s.identities.find((i) => i.instanceId === i3)!.id;
    const t = await holdPerson(s.id);
    const merge = mergePersons(admin, { sourceId: s.id, targetId: b.id });
    await updateBlocked();
    await deleteInstance(admin, i3); // its cascade deletes the identity; it takes no person lock
    await t.query("COMMIT");
    const merged = await merge;
    expect(merged.mergedIdentityIds).not.toContain(doomed);
    expect(merged.person.identities.map((i) => i.id)).not.toContain(doomed);
    const e = await prisma.auditEvent.findUniqueOrThrow({ where: { id: merged.auditEventId }, select: { subjects: { select: { instances: { select: { instanceId: true } } } } } });
    expect(e.subjects.flatMap((x) => x.instances.map((i) => i.instanceId))).not.toContain(i3);
  });

  it("many merges into one survivor at once all land (contended writes wait instead of failing)", async () => {
    const { i1, b } = await twoPersons();
    const sources = await Promise.all(Array.from({ length: 12 }, (_, k) => createPerson(admin, { displayName: `Opt M${k} ${uniq()}`, identities: [{ instanceId: i1, platformUserId: `om-${uniq()}` }] })));
    const results = await Promise.allSettled(sources.map((x) => mergePersons(admin, { sourceId: x.id, targetId: b.id })));
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(await prisma.platformIdentity.count({ where: { personId: b.id } })).toBe(13);
  });

  it("a merge keeps the moved identities' search terms, on the survivor", async () => {
    const { a, b } = await twoPersons();
    const ids = (await prisma.platformIdentity.findMany({ where: { personId: a.id }, select: { id: true } })).map((i) => i.id);
    await mergePersons(admin, { sourceId: a.id, targetId: b.id });
    const terms = await prisma.$queryRaw<{ personId: string; identityId: string }[]>`SELECT "personId", "identityId" FROM "PersonSearchTerm" WHERE "identityId" IN (${Prisma.join(ids)})`;
    expect(terms.length).toBeGreaterThan(0);
    expect(new Set(terms.map((x) => x.identityId))).toEqual(new Set(ids));
    expect(terms.every((x) => x.personId === b.id)).toBe(true);
  });
});

describe("person create (one statement, no transaction)", () => {
  it("creates of the same identities in opposite orders, racing: one is created, every other is the identity's 409 (a deadlock between them is tried again)", async () => {
    const inst = await createInstance(admin, { name: `race-${uniq()}`, channel: "whatsapp", defaultAgentId: null });
    for (let round = 0; round < 10; round++) {
      const x = { instanceId: inst.id, platformUserId: `x-${uniq()}` };
      const y = { instanceId: inst.id, platformUserId: `y-${uniq()}` };
      const outcomes = await Promise.allSettled([
        createPerson(admin, { displayName: "Forward", identities: [x, y] }),
        createPerson(admin, { displayName: "Backward", identities: [y, x] }),
        createPerson(admin, { displayName: "Forward again", identities: [x, y] }),
      ]);
      const created = outcomes.filter((o) => o.status === "fulfilled");
      expect(created).toHaveLength(1);
      const winner = (created[0] as PromiseFulfilledResult<{ id: string }>).value.id;
      for (const o of outcomes.filter((o) => o.status === "rejected")) {
        const e = (o as PromiseRejectedResult).reason as { code?: string; details?: { personId?: string } };
        expect(e.code).toBe("CONFLICT");
        expect(e.details?.personId).toBe(winner);
      }
    }
  });
});
