// A merged-away person id answers 404 with where the person went (following successive merges),
// on every lookup taking a person id; a revert makes the old id live again.
import { beforeAll, describe, expect, it } from "vitest";
import { systemPrincipal, type Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { createInstance } from "@/lib/catalog/instances";
import { createAgent } from "@/lib/catalog/agents";
import { createPerson } from "@/lib/persons/create-person";
import { getPerson } from "@/lib/persons/get-person";
import { updatePerson } from "@/lib/persons/update-person";
import { getPresence } from "@/lib/persons/presence";
import { mergePersons } from "@/lib/persons/merge-persons";
import { linkIdentities } from "@/lib/persons/link-identities";
import { mergedAwayInfo } from "@/lib/persons/merged-away";
import { revertAuditEvent } from "@/lib/audit/revert-event";
import { createRoute } from "@/lib/routes/create-route";
import { computeResolution } from "@/lib/routes/resolver";
import { parseInput } from "@/lib/schemas/parse";
import { personCreateSchema } from "@/lib/persons/schemas";
import { routeCreateSchema } from "@/lib/routes/schemas";

const admin = systemPrincipal("test");
const uniq = () => Math.random().toString(36).slice(2, 8);
let wa: string;
let tg: string;
let agentId: string;

async function notFoundOf(p: Promise<unknown>) {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe("NOT_FOUND");
  return e as AppError;
}

const person = async (inst = wa) => {
  const p = await createPerson(admin, parseInput(personCreateSchema, { displayName: `P ${uniq()}`, identities: [{ instanceId: inst, platformUserId: uniq() }] }));
  return { id: p.id, identityId: p.identities[0].id };
};

beforeAll(async () => {
  wa = (await createInstance(admin, { name: `wa-${uniq()}`, channel: "whatsapp" })).id;
  tg = (await createInstance(admin, { name: `tg-${uniq()}`, channel: "telegram" })).id;
  agentId = (await createAgent(admin, { name: `ag-${uniq()}`, provider: "anthropic" })).id;
});

describe("merged-away ids", () => {
  it("answer 404 with mergedInto/mergedAt/auditEventId, following a chain of merges; reverts bring ids back", async () => {
    const [a, b, c] = [await person(), await person(), await person()];
    const m1 = await mergePersons(admin, { sourceId: a.id, targetId: b.id, reason: "dup" });
    const e1 = await notFoundOf(getPerson(admin, a.id));
    expect(e1.details).toEqual({ mergedInto: b.id, mergedAt: expect.any(String), auditEventId: m1.auditEventId });
    expect(e1.message).toContain(b.id);

    const m2 = await mergePersons(admin, { sourceId: b.id, targetId: c.id });
    const e2 = await notFoundOf(getPerson(admin, a.id));
    expect(e2.details).toMatchObject({ mergedInto: c.id, auditEventId: m1.auditEventId }); // followed to the person that exists now
    expect((await notFoundOf(getPerson(admin, b.id))).details).toMatchObject({ mergedInto: c.id, auditEventId: m2.auditEventId });

    // every lookup taking a person id says the same
    // (thunks, called one at a time: a rejection nobody awaits yet would be an unhandled one)
    for (const call of [
      () => getPresence(admin, a.id),
      () => updatePerson(admin, a.id, { displayName: "x" }),
      () => mergePersons(admin, { sourceId: a.id, targetId: c.id }),
      () => mergePersons(admin, { sourceId: c.id, targetId: a.id }),
      () => createRoute(admin, parseInput(routeCreateSchema, { instanceId: wa, scope: "user", personId: a.id, agentId })),
      () => computeResolution({ instanceId: wa, personId: a.id }),
    ]) expect((await notFoundOf(call())).details).toMatchObject({ mergedInto: c.id });

    await revertAuditEvent(admin, m2.auditEventId, "undo the second");
    expect((await getPerson(admin, b.id)).id).toBe(b.id);
    expect((await notFoundOf(getPerson(admin, a.id))).details).toMatchObject({ mergedInto: b.id, auditEventId: m1.auditEventId });
    await revertAuditEvent(admin, m1.auditEventId, "undo the first");
    expect((await getPerson(admin, a.id)).id).toBe(a.id);
    expect(await mergedAwayInfo(a.id)).toBeNull();
  });

  it("covers a link that merged two persons, and stays a plain 404 for unknown ids and invisible survivors", async () => {
    const [a, b] = [await person(wa), await person(tg)];
    const l = await linkIdentities(admin, { identityA: b.identityId, identityB: a.identityId });
    const gone = l.person.id === a.id ? b.id : a.id;
    expect((await notFoundOf(getPerson(admin, gone))).details).toMatchObject({ mergedInto: l.person.id, auditEventId: l.auditEventId });
    expect((await notFoundOf(getPerson(admin, crypto.randomUUID()))).details).toBeUndefined();
    // a key restricted to an instance where the survivor is not visible learns nothing
    const [x, y] = [await person(wa), await person(wa)];
    await mergePersons(admin, { sourceId: x.id, targetId: y.id });
    const onTg: Principal = { type: "apiKey", id: "k", name: "k", scopes: ["*"], instanceIds: [tg] };
    expect((await notFoundOf(getPerson(onTg, x.id))).details).toBeUndefined();
    const onWa: Principal = { ...onTg, instanceIds: [wa] };
    expect((await notFoundOf(getPerson(onWa, x.id))).details).toMatchObject({ mergedInto: y.id });
  });
});
