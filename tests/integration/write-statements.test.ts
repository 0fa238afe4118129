// The write path's statement budget (issue 14, "lean writes"): the SQL statements one audited
// person update, route update and merge send, counted at the driver adapter (lib/db/statement-trace.ts).
// Not counted: BEGIN / COMMIT (the adapter's own), rows triggers add (the search index), and the
// webhook outbox insert where it is a statement of its own (SQLite). Every subject already has
// today's data key (the steady state: a key is created once per subject per day): it is read with
// the rows, not on its own. The change notification for the other processes' caches is not one of
// the write's statements: it is published after commit, gathered with concurrent writes' (change-bus.ts).
import { describe, expect, it } from "vitest";
import { dbProvider, prisma } from "@/lib/db";
import { onStatement, onTransactionStart } from "@/lib/db/statement-trace";
import { dayKeys, utcDay } from "@/lib/privacy/data-keys";
import { createPerson } from "@/lib/persons/create-person";
import { updatePerson } from "@/lib/persons/update-person";
import { mergePersons } from "@/lib/persons/merge-persons";
import { createRoute } from "@/lib/routes/create-route";
import { updateRoute } from "@/lib/routes/update-route";
import { routeCreateSchema } from "@/lib/routes/schemas";
import { admin, uniq, world } from "./routes-helpers";

// PostgreSQL: the budget was 6 / 6 / 7 (measured before it: 12 / 22 / 26); now 2 / 2 / 2,
// the audit event's statement included: a person update, a route settings edit and a merge are
// optimistic (a read, then one guarded statement, no transaction); a route update that re-points the route locks the new person
// and the route (5). A person create with two identities 2 (it was 21: the
// instances with the event's seq, then one statement for the rows and the event, no transaction). SQLite has no data-modifying CTEs, so an event's subjects
// and their instances, and a merge's moves, take one statement per table there (in-process calls,
// no round trips): its own, looser budget.
const BUDGET = dbProvider === "postgresql" ? { personCreate: 2, personUpdate: 2, routeUpdate: 2, routeRetarget: 5, merge: 2 } : { personCreate: 30, personUpdate: 6, routeUpdate: 6, routeRetarget: 6, merge: 10 };

/**
 * Nothing reads a data key on its own; no write statement sends a NOTIFY (a commit that did would
 * hold PostgreSQL's notify lock through its WAL flush: the change is published after commit,
 * change-bus.ts).
 */
function expectLean(sql: string[]) {
  expect(sql.filter((s) => /^\s*SELECT\b[^]*\bFROM\s+"(public"\.")?PersonDataKey"/i.test(s)), show(sql)).toEqual([]);
  expect(sql.filter((s) => /pg_notify\(/i.test(s)), show(sql)).toEqual([]);
}

/** The statements `fn` sends (outbox inserts left out), and its result. */
async function statements<T>(fn: () => Promise<T>): Promise<{ sql: string[]; result: T }> {
  const sql: string[] = [];
  const stop = onStatement((s) => {
    if (!/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(s) && !/^\s*INSERT INTO [`"]?(main|public)?[`"]?\.?[`"]WebhookOutbox[`"]/i.test(s)) sql.push(s);
  });
  try {
    return { sql, result: await fn() };
  } finally {
    stop();
  }
}

const show = (sql: string[]) => sql.map((s, i) => `${i + 1}. ${s.replace(/\s+/g, " ").slice(0, 160)}`).join("\n");

async function personWithIdentities(instanceId: string, n: number) {
  const p = await createPerson(admin, {
    displayName: `Stmt ${uniq()}`, primaryPhone: "+4930123456", primaryEmail: `s${uniq()}@example.com`,
    identities: Array.from({ length: n }, (_, i) => ({ instanceId, platformUserId: `u-${uniq()}-${i}` })),
  });
  await dayKeys(prisma, [p.id, ...p.identities.map((i) => i.id)], utcDay());
  return p;
}

describe("write statement budget", () => {
  it(`person create: at most ${BUDGET.personCreate} statements`, async () => {
    const w = await world();
    const { sql, result } = await statements(() => createPerson(admin, {
      displayName: "Created", primaryEmail: `c${uniq()}@example.com`,
      identities: [{ instanceId: w.inst.id, platformUserId: `c-${uniq()}` }, { instanceId: w.other.id, platformUserId: `c-${uniq()}`, platformUsername: "created" }],
    }));
    expect(result.displayName).toBe("Created");
    expect(result.identities.map((i) => i.instance.id).sort()).toEqual([w.inst.id, w.other.id].sort());
    expect(sql.length, show(sql)).toBeLessThanOrEqual(BUDGET.personCreate);
    expectLean(sql);
  });

  it.runIf(dbProvider === "postgresql")("person create: no interactive transaction (every statement autocommits)", async () => {
    const w = await world();
    let transactions = 0;
    const stop = onTransactionStart(() => transactions++);
    try {
      await createPerson(admin, { displayName: "Autocommit", identities: [{ instanceId: w.inst.id, platformUserId: `a-${uniq()}` }] });
    } finally {
      stop();
    }
    expect(transactions).toBe(0);
  });

  it(`person update: at most ${BUDGET.personUpdate} statements`, async () => {
    const w = await world();
    const p = await personWithIdentities(w.inst.id, 2);
    const { sql, result } = await statements(() => updatePerson(admin, p.id, { displayName: "Renamed", primaryEmail: `r${uniq()}@example.com` }));
    expect(result.displayName).toBe("Renamed");
    expect(result.identities).toHaveLength(2);
    expect(sql.length, show(sql)).toBeLessThanOrEqual(BUDGET.personUpdate);
    expectLean(sql);
  });

  it(`route update: at most ${BUDGET.routeUpdate} statements; ${BUDGET.routeRetarget} when it points the route elsewhere`, async () => {
    const w = await world();
    const r = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "user", personId: w.person.id, agentId: w.a1.id, priority: 1 }));
    await dayKeys(prisma, [w.person.id], utcDay());
    const edit = await statements(() => updateRoute(admin, r.id, { agentId: w.a2.id, priority: 4, label: "edited", active: false }));
    expect(edit.result).toMatchObject({ priority: 4, label: "edited", active: false, agentId: w.a2.id });
    expect(edit.result.agent.name).toBe(w.a2.name);
    expect(edit.sql.length, show(edit.sql)).toBeLessThanOrEqual(BUDGET.routeUpdate);
    expectLean(edit.sql);
    await dayKeys(prisma, [w.person2.id], utcDay());
    const retarget = await statements(() => updateRoute(admin, r.id, { personId: w.person2.id, priority: 5 }));
    expect(retarget.result.personId).toBe(w.person2.id);
    expect(retarget.result.person?.displayName).toBe(w.person2.displayName);
    expect(retarget.result.priority).toBe(5);
    expect(retarget.sql.length, show(retarget.sql)).toBeLessThanOrEqual(BUDGET.routeRetarget);
    expectLean(retarget.sql);
  });

  it(`merge: at most ${BUDGET.merge} statements`, async () => {
    const w = await world();
    const source = await personWithIdentities(w.inst.id, 3);
    const target = await personWithIdentities(w.other.id, 2);
    await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "user", personId: source.id, agentId: w.a1.id }));
    const { sql, result } = await statements(() => mergePersons(admin, { sourceId: source.id, targetId: target.id }));
    expect(result.person.identities).toHaveLength(5);
    expect(result.repointedRouteIds).toHaveLength(1);
    expect(sql.length, show(sql)).toBeLessThanOrEqual(BUDGET.merge);
    expectLean(sql);
  });
});
