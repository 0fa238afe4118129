// Stale edits refused (contract: Concurrency): PATCH and DELETE of routes, persons, keys,
// instances, agents and users honour If-Match inside their transaction (stale → 412, nothing
// written); PATCH writes only the fields it was given; a no-op key PATCH writes nothing; two
// concurrent key rolls give one live successor.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemPrincipal } from "@/lib/auth/principal";
import { etagOf, type IfMatch } from "@/lib/api/etag";
import { routeCreateSchema } from "@/lib/routes/schemas";
import { createRoute } from "@/lib/routes/create-route";
import { getRoute } from "@/lib/routes/get-route";
import { updateRoute } from "@/lib/routes/update-route";
import { deleteRoute } from "@/lib/routes/delete-route";
import { createPerson } from "@/lib/persons/create-person";
import { getPerson } from "@/lib/persons/get-person";
import { updatePerson } from "@/lib/persons/update-person";
import { recordActivity } from "@/lib/persons/presence";
import { createApiKey } from "@/lib/keys/create-key";
import { getApiKey } from "@/lib/keys/list-keys";
import { updateApiKey } from "@/lib/keys/update-key";
import { deleteApiKey } from "@/lib/keys/delete-key";
import { rollApiKey } from "@/lib/keys/roll-key";
import { flushKeyUsage, recordKeyUse } from "@/lib/keys/usage-buffer";
import { deleteInstance, getInstance, updateInstance } from "@/lib/catalog/instances";
import { getAgent, updateAgent } from "@/lib/catalog/agents";
import { createUser } from "@/lib/users/create-user";
import { getUser } from "@/lib/users/read-users";
import { updateUser } from "@/lib/users/update-user";
import { deleteUser } from "@/lib/users/delete-user";
import { admin, expectCode, uniq, world } from "./routes-helpers";

const auditCount = (targetId: string) => prisma.auditEvent.count({ where: { targetId } });
const tagOf = (v: unknown): IfMatch => [etagOf(v)];

/**
 * For one resource: a stale If-Match is 412 and changes nothing (no audit event, same row), the
 * current tag and * succeed, and the response's tag is the new GET's tag.
 */
async function checkPatch<T extends { id: string }>(
  read: () => Promise<T>,
  patch: (ifMatch: IfMatch) => Promise<T>,
  patchAgain: (ifMatch: IfMatch) => Promise<T>,
) {
  const loaded = await read();
  const id = loaded.id;
  const first = await patch(tagOf(loaded)); // current tag: applied
  expect(etagOf(first)).toBe(etagOf(await read()));
  expect(etagOf(first)).not.toBe(etagOf(loaded));
  const events = await auditCount(id);
  const e = await expectCode(patchAgain(tagOf(loaded)), "PRECONDITION_FAILED"); // the tag loaded before the first edit
  expect(e.status).toBe(412);
  expect(e.details).toMatchObject({ etag: etagOf(first) });
  expect(etagOf(await read())).toBe(etagOf(first));
  expect(await auditCount(id)).toBe(events);
  await patchAgain("*"); // any version
  expect(await auditCount(id)).toBe(events + 1);
}

describe("If-Match on PATCH", () => {
  it("routes", async () => {
    const w = await world();
    const r = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id }));
    await checkPatch(() => getRoute(admin, r.id), (m) => updateRoute(admin, r.id, { priority: 5 }, m), (m) => updateRoute(admin, r.id, { priority: 6 }, m));
  });

  it("persons (a presence report is not an edit: the loaded tag still applies)", async () => {
    const w = await world();
    const p = await createPerson(admin, { displayName: "Etag", identities: [{ instanceId: w.inst.id, platformUserId: `u-${uniq()}` }] });
    const loaded = await getPerson(admin, p.id);
    await recordActivity(admin, p.identities[0].id, { messages: 2 });
    expect(etagOf(await getPerson(admin, p.id))).not.toBe(etagOf(loaded)); // the JSON changed …
    await updatePerson(admin, p.id, { displayName: "Etag 2" }, tagOf(loaded)); // … the version did not
    await checkPatch(() => getPerson(admin, p.id), (m) => updatePerson(admin, p.id, { displayName: "Etag 3" }, m), (m) => updatePerson(admin, p.id, { displayName: "Etag 4" }, m));
  });

  it("keys (usage is not an edit)", async () => {
    const k = await createApiKey(admin, { name: `k-${uniq()}`, scopes: ["routes:read"] });
    const loaded = await getApiKey(admin, k.id);
    recordKeyUse(k.id, "127.0.0.1");
    await flushKeyUsage();
    await updateApiKey(admin, k.id, { rateLimit: 10 }, tagOf(loaded));
    await checkPatch(() => getApiKey(admin, k.id), (m) => updateApiKey(admin, k.id, { rateLimit: 11 }, m), (m) => updateApiKey(admin, k.id, { rateLimit: 12 }, m));
  });

  it("instances and agents", async () => {
    const w = await world();
    await checkPatch(() => getInstance(admin, w.inst.id), (m) => updateInstance(admin, w.inst.id, { name: `n-${uniq()}` }, m), (m) => updateInstance(admin, w.inst.id, { name: `n-${uniq()}` }, m));
    await checkPatch(() => getAgent(admin, w.a1.id), (m) => updateAgent(admin, w.a1.id, { description: "one" }, m), (m) => updateAgent(admin, w.a1.id, { description: "two" }, m));
  });

  it("users", async () => {
    const sys = systemPrincipal("etag-users");
    const u = await createUser(sys, { email: `etag-${uniq()}@example.com`, role: "viewer", password: "granite-otter-lantern-42" });
    await checkPatch(() => getUser(sys, u.id), (m) => updateUser(sys, u.id, { name: "One" }, m), (m) => updateUser(sys, u.id, { name: "Two" }, m));
  });

  it("a stale tag is refused even when the PATCH would change nothing", async () => {
    const w = await world();
    const loaded = await getAgent(admin, w.a2.id);
    await updateAgent(admin, w.a2.id, { description: "new" });
    await expectCode(updateAgent(admin, w.a2.id, { description: "new" }, tagOf(loaded)), "PRECONDITION_FAILED");
  });

  it("two edits racing with the same loaded tag: exactly one applies, the other gets 412", async () => {
    const w = await world();
    const r = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat.id, agentId: w.a1.id }));
    const m = tagOf(await getRoute(admin, r.id));
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => updateRoute(admin, r.id, { priority: 10 + n }, m)));
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    for (const x of results) if (x.status === "rejected") expect((x.reason as { code: string }).code).toBe("PRECONDITION_FAILED");
  });
});

describe("If-Match on DELETE", () => {
  it("stale → 412 and the resource stays; current → deleted", async () => {
    const w = await world();
    const r = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "chat", chatId: w.chat2.id, agentId: w.a1.id }));
    const rLoaded = await getRoute(admin, r.id);
    await updateRoute(admin, r.id, { label: "changed" });
    await expectCode(deleteRoute(admin, r.id, tagOf(rLoaded)), "PRECONDITION_FAILED");
    expect(await getRoute(admin, r.id)).toBeTruthy();
    await deleteRoute(admin, r.id, tagOf(await getRoute(admin, r.id)));
    await expectCode(getRoute(admin, r.id), "NOT_FOUND");

    const k = await createApiKey(admin, { name: `k-${uniq()}`, scopes: ["routes:read"] });
    const kLoaded = await getApiKey(admin, k.id);
    await updateApiKey(admin, k.id, { name: "renamed" });
    await expectCode(deleteApiKey(admin, k.id, tagOf(kLoaded)), "PRECONDITION_FAILED");
    await deleteApiKey(admin, k.id, "*");

    const iLoaded = await getInstance(admin, w.other.id);
    await updateInstance(admin, w.other.id, { name: `o-${uniq()}` });
    await expectCode(deleteInstance(admin, w.other.id, tagOf(iLoaded)), "PRECONDITION_FAILED");
    await deleteInstance(admin, w.other.id, tagOf(await getInstance(admin, w.other.id)));

    const sys = systemPrincipal("etag-users");
    const u = await createUser(sys, { email: `del-${uniq()}@example.com`, role: "viewer", password: "granite-otter-lantern-42" });
    const uLoaded = await getUser(sys, u.id);
    await updateUser(sys, u.id, { name: "Renamed" });
    await expectCode(deleteUser(sys, u.id, tagOf(uLoaded)), "PRECONDITION_FAILED");
    await deleteUser(sys, u.id, tagOf(await getUser(sys, u.id)));
  });
});

describe("PATCH writes only what it was given", () => {
  it("a route's active toggle leaves the target fields as they are now (a merge's re-pointing survives)", async () => {
    const w = await world();
    const r = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "user", personId: w.person.id, agentId: w.a1.id }));
    // meanwhile (as a merge does) the route is re-pointed to another person
    await prisma.agentRoute.update({ where: { id: r.id }, data: { personId: w.person2.id } });
    const after = await updateRoute(admin, r.id, { active: false });
    expect(after).toMatchObject({ active: false, personId: w.person2.id, agentId: w.a1.id, scope: "user", instanceId: w.inst.id });
  });

  it("a key PATCH that changes nothing writes nothing; a real change still writes", async () => {
    const inst = (await world()).inst;
    const k = await createApiKey(admin, { name: `k-${uniq()}`, description: "d", scopes: ["routes:read", "routes:read"], instanceIds: [inst.id], rateLimit: 5 });
    const events = await auditCount(k.id);
    await new Promise((r) => setTimeout(r, 20));
    const same = await updateApiKey(admin, k.id, { name: k.name, description: "d", scopes: ["routes:read"], instanceIds: [inst.id], rateLimit: 5, expiresAt: null });
    expect(new Date(same.updatedAt).getTime()).toBe(new Date(k.updatedAt).getTime());
    expect(await auditCount(k.id)).toBe(events);
    const changed = await updateApiKey(admin, k.id, { rateLimit: 6 });
    expect(changed.rateLimit).toBe(6);
    expect(await auditCount(k.id)).toBe(events + 1);
  });
});

describe("key roll locks the key", () => {
  it("two concurrent rolls give exactly one live successor; the other is 409", async () => {
    for (const grace of [0, 3600]) {
      const k = await createApiKey(admin, { name: `roll-${uniq()}`, scopes: ["routes:read"] });
      const results = await Promise.allSettled([rollApiKey(admin, k.id, { gracePeriodSeconds: grace }), rollApiKey(admin, k.id, { gracePeriodSeconds: grace })]);
      expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((x) => x.status === "rejected") as PromiseRejectedResult;
      expect((lost.reason as { code: string }).code).toBe("CONFLICT");
      expect(await prisma.apiKey.count({ where: { rolledFromId: k.id } })).toBe(1);
    }
  });
});
