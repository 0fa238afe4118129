// DELETE /persons/:id (right to erasure) over HTTP: the bad cases answer in the contract's error
// shape (400 missing/blank reason or unknown field, 403 scope or instance, 404 unknown), and after
// an erasure the person is gone, its audit events read "[erased]" and the export holds nothing of it.
import { test, expect } from "@playwright/test";
import { bearer, keys } from "../support/env";
import { expectError } from "../support/api";
import { all, createPerson, ensureInstances, uniq } from "../support/persons";

const NIL = "00000000-0000-4000-8000-000000000000";

async function restrictedKey(request: import("@playwright/test").APIRequestContext, instanceIds: string[]) {
  const res = await request.post("/api/v1/keys", { headers: all(), data: { name: `erase restricted ${uniq()}`, scopes: ["persons:*", "audit:read"], instanceIds } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data.key as string;
}

test.describe("erasure of a person", () => {
  test("DELETE /persons/:id refuses bad input, wrong scope, wrong instance and unknown ids", async ({ request }) => {
    const inst = await ensureInstances(request);
    const tag = uniq();
    const p = await createPerson(request, { displayName: `Erase Bad ${tag}`, identities: [{ channel: "wa" }, { channel: "tg" }] });
    const tgOnly = await createPerson(request, { displayName: `Erase Tg ${tag}`, identities: [{ channel: "tg" }] });
    const url = `/api/v1/persons/${p.id}`;
    let e = await expectError(await request.delete(url, { headers: all() }), 400, "VALIDATION_ERROR");
    expect((e.details.fields as Record<string, string[]>).reason[0]).toBeTruthy();
    await expectError(await request.delete(url, { headers: all(), data: { reason: "   " } }), 400, "VALIDATION_ERROR");
    await expectError(await request.delete(url, { headers: all(), data: { reason: "x", cascade: true } }), 400, "VALIDATION_ERROR");
    await expectError(await request.delete(url, { headers: { ...all(), "Content-Type": "application/json" }, data: "{oops" }), 400, "VALIDATION_ERROR");
    await expectError(await request.delete(url, { data: { reason: "x" } }), 401, "UNAUTHENTICATED");
    e = await expectError(await request.delete(url, { headers: bearer(keys().personsRead.key), data: { reason: "x" } }), 403, "FORBIDDEN");
    expect(e.details.requiredScope).toBe("persons:write");
    const waKey = await restrictedKey(request, [inst.wa]);
    await expectError(await request.delete(url, { headers: bearer(waKey), data: { reason: "x" } }), 403, "FORBIDDEN");
    await expectError(await request.delete(`/api/v1/persons/${tgOnly.id}`, { headers: bearer(waKey), data: { reason: "x" } }), 404, "NOT_FOUND");
    await expectError(await request.delete(`/api/v1/persons/${NIL}`, { headers: all(), data: { reason: "x" } }), 404, "NOT_FOUND");
    await expectError(await request.delete("/api/v1/persons/not-a-uuid", { headers: all(), data: { reason: "x" } }), 404, "NOT_FOUND");
    // nothing was erased by any of these
    expect((await request.get(url, { headers: all() })).status()).toBe(200);
    expect((await request.get(`/api/v1/persons/${tgOnly.id}`, { headers: all() })).status()).toBe(200);
    // a key restricted to every instance of the person may
    const bothKey = await restrictedKey(request, [inst.wa, inst.tg]);
    expect((await request.delete(url, { headers: bearer(bothKey), data: { reason: "GDPR" } })).status()).toBe(200);
  });

  test("after DELETE the person is gone, their events read [erased], the export and search hold nothing of them", async ({ request }) => {
    const tag = uniq();
    const name = `Erasmus Vanish${tag}`;
    const email = `erasmus.${tag}@vanish.example`;
    const p = await createPerson(request, { displayName: name, primaryEmail: email, identities: [{ channel: "wa", username: `vanish_${tag}` }] });
    const other = await createPerson(request, { displayName: `Erasmus Twin${tag}`, identities: [{ channel: "tg" }] });
    const merged = await request.post("/api/v1/persons/merge", { headers: all(), data: { sourceId: other.id, targetId: p.id, reason: "same" } });
    expect(merged.status()).toBe(200);
    const mergeEventId = (await merged.json()).data.auditEventId as string;
    expect((await (await request.get(`/api/v1/audit/${mergeEventId}`, { headers: all() })).json()).data.after.person.displayName).toBe(name);

    const res = await request.delete(`/api/v1/persons/${p.id}`, { headers: all(), data: { reason: "GDPR request 9" } });
    expect(res.status(), await res.text()).toBe(200);
    const { data } = await res.json();
    expect(data).toMatchObject({ id: p.id, deleted: true, absorbedPersonIds: [other.id] });
    await expectError(await request.get(`/api/v1/persons/${p.id}`, { headers: all() }), 404, "NOT_FOUND");
    await expectError(await request.delete(`/api/v1/persons/${p.id}`, { headers: all(), data: { reason: "again" } }), 404, "NOT_FOUND");

    const ev = (await (await request.get(`/api/v1/audit/${mergeEventId}`, { headers: all() })).json()).data;
    expect(ev).toMatchObject({ erased: true, revertible: false, after: { person: { displayName: "[erased]", primaryEmail: "[erased]" } } });
    await expectError(await request.post(`/api/v1/audit/${mergeEventId}/revert`, { headers: all(), data: {} }), 409, "CONFLICT");
    const erase = (await (await request.get(`/api/v1/audit/${data.auditEventId}`, { headers: all() })).json()).data;
    expect(erase).toMatchObject({ action: "person.erase", targetId: p.id, reason: "GDPR request 9" });
    for (const format of ["csv", "ndjson"]) {
      const text = await (await request.get(`/api/v1/audit?format=${format}&personId=${p.id}`, { headers: all() })).text();
      expect(text).toContain(p.id);
      expect(text).not.toContain(name);
      expect(text).not.toContain(email);
      expect(text).not.toContain(`vanish_${tag}`);
    }
    const found = await (await request.get(`/api/v1/persons?q=${encodeURIComponent(`vanish${tag}`)}`, { headers: all() })).json();
    expect(found.items).toEqual([]);
  });
});
