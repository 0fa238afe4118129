import { test, expect } from "@playwright/test";
import { bearer, keys } from "../support/env";
import { expectError } from "../support/api";
import { all, createPerson } from "../support/persons";

const NIL = "00000000-0000-4000-8000-000000000000";

async function mergedPair(request: Parameters<typeof createPerson>[0], reason = "Duplicate contact") {
  const src = await createPerson(request, { displayName: "Audit src", identities: [{ channel: "wa" }] });
  const tgt = await createPerson(request, { displayName: "Audit tgt", identities: [{ channel: "tg" }] });
  const res = await request.post("/api/v1/persons/merge", { headers: all(), data: { sourceId: src.id, targetId: tgt.id, reason } });
  expect(res.status()).toBe(200);
  return { src, tgt, eventId: (await res.json()).data.auditEventId as string };
}

test.describe("audit log", () => {
  test("GET /audit lists newest first with filters", async ({ request }) => {
    const { src, tgt, eventId } = await mergedPair(request);
    const h = bearer(keys().auditRead.key);
    const res = await request.get(`/api/v1/audit?personId=${src.id}`, { headers: h });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.items.map((e: { action: string }) => e.action)).toEqual(["person.merge", "person.create"]);
    expect(body.items[0]).toMatchObject({ id: eventId, actor: { type: "apiKey", label: "e2e all" }, targetId: tgt.id, reason: "Duplicate contact", sealed: expect.any(Boolean) });
    // hash and prevHash are null until the sealer links the event into the chain (within ~1 s)
    const sealedEvent = async () => (await (await request.get(`/api/v1/audit?personId=${src.id}`, { headers: h })).json()).items[0];
    await expect.poll(async () => (await sealedEvent()).sealed, { timeout: 15_000 }).toBe(true);
    expect(await sealedEvent()).toMatchObject({ id: eventId, hash: expect.any(String), prevHash: expect.any(String) });
    const byAction = await (await request.get(`/api/v1/audit?action=person.merge&targetId=${tgt.id}`, { headers: h })).json();
    expect(byAction.items.map((e: { id: string }) => e.id)).toEqual([eventId]);
    const actor = await (await request.get(`/api/v1/audit?actorId=${keys().all.id}&limit=1`, { headers: h })).json();
    expect(actor.items).toHaveLength(1);
    expect(actor.nextCursor).toEqual(expect.any(String));
    const future = await (await request.get(`/api/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`, { headers: h })).json();
    expect(future.items).toEqual([]);
    await expectError(await request.get("/api/v1/audit?from=yesterday", { headers: h }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", { headers: h }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/audit?format=xml", { headers: h }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/audit"), 401, "UNAUTHENTICATED");
    const e = await expectError(await request.get("/api/v1/audit", { headers: bearer(keys().personsRead.key) }), 403, "FORBIDDEN");
    expect(e.details.requiredScope).toBe("audit:read");
  });

  test("GET /audit?format=csv|ndjson streams the filtered set", async ({ request }) => {
    const { src, eventId } = await mergedPair(request, 'Reason with "quotes", commas');
    const h = bearer(keys().auditRead.key);
    const csv = await request.get(`/api/v1/audit?format=csv&personId=${src.id}`, { headers: h });
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="omni-audit-.*\.csv"/);
    const text = await csv.text();
    expect(text.startsWith("id,seq,at,actorType,actorId,actorLabel,action,")).toBe(true);
    expect(text).toContain(`${eventId},`);
    expect(text).toContain('"Reason with ""quotes"", commas"');
    const nd = await request.get(`/api/v1/audit?format=ndjson&personId=${src.id}`, { headers: h });
    expect(nd.headers()["content-type"]).toContain("application/x-ndjson");
    const lines = (await nd.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.action)).toEqual(["person.merge", "person.create"]);
    expect(lines[0].before.source.id).toBe(src.id);
    await expectError(await request.get("/api/v1/audit?format=csv", { headers: bearer(keys().personsRead.key) }), 403, "FORBIDDEN");
  });

  test("GET /audit/:id shows before and after", async ({ request }) => {
    const { src, tgt, eventId } = await mergedPair(request);
    const res = await request.get(`/api/v1/audit/${eventId}`, { headers: bearer(keys().auditRead.key) });
    expect(res.status()).toBe(200);
    const { data } = await res.json();
    expect(data).toMatchObject({ id: eventId, action: "person.merge", revertible: true, revertedBy: null });
    expect(data.before.source).toMatchObject({ id: src.id, displayName: "Audit src" });
    expect(data.before.target.id).toBe(tgt.id);
    expect(data.after).toMatchObject({ deletedPersonId: src.id, person: { id: tgt.id } });
    await expectError(await request.get(`/api/v1/audit/${NIL}`, { headers: all() }), 404, "NOT_FOUND");
    await expectError(await request.get("/api/v1/audit/123", { headers: all() }), 404, "NOT_FOUND");
    await expectError(await request.get(`/api/v1/audit/${eventId}`, { headers: bearer(keys().personsRead.key) }), 403, "FORBIDDEN");
  });

  test("POST /audit/:id/revert undoes a merge once; 409 when it cannot", async ({ request }) => {
    const { src, tgt, eventId } = await mergedPair(request);
    await expectError(await request.post(`/api/v1/audit/${eventId}/revert`, { headers: bearer(keys().auditRead.key), data: {} }), 403, "FORBIDDEN");
    const res = await request.post(`/api/v1/audit/${eventId}/revert`, { headers: all(), data: { reason: "Different people" } });
    expect(res.status(), await res.text()).toBe(200);
    const { data } = await res.json();
    expect(data).toMatchObject({ revertedEventId: eventId, action: "person.merge", auditEventId: expect.any(String) });
    const back = await request.get(`/api/v1/persons/${src.id}`, { headers: all() });
    expect(back.status()).toBe(200);
    expect((await back.json()).data.identities.map((i: { id: string }) => i.id)).toEqual(src.identities.map((i) => i.id));
    expect((await (await request.get(`/api/v1/persons/${tgt.id}`, { headers: all() })).json()).data.identities).toHaveLength(1);
    const revertEvent = (await (await request.get(`/api/v1/audit/${data.auditEventId}`, { headers: all() })).json()).data;
    expect(revertEvent).toMatchObject({ action: "audit.revert", targetId: eventId, reason: "Different people" });

    const again = await expectError(await request.post(`/api/v1/audit/${eventId}/revert`, { headers: all(), data: {} }), 409, "CONFLICT");
    expect(again.message).toMatch(/already reverted/);
    expect(again.details.reasons).toEqual([expect.any(String)]);
    const create = (await (await request.get(`/api/v1/audit?action=person.create&limit=1`, { headers: all() })).json()).items[0];
    await expectError(await request.post(`/api/v1/audit/${create.id}/revert`, { headers: all(), data: {} }), 409, "CONFLICT");
    await expectError(await request.post(`/api/v1/audit/${NIL}/revert`, { headers: all(), data: {} }), 404, "NOT_FOUND");
    await expectError(await request.post(`/api/v1/audit/${eventId}/revert`, { headers: all(), data: { reason: 1 } }), 400, "VALIDATION_ERROR");
    await expectError(await request.post(`/api/v1/audit/${eventId}/revert`, { data: {} }), 401, "UNAUTHENTICATED");
  });
});
