import { test, expect } from "@playwright/test";
import { bearer, keys } from "../support/env";
import { expectError } from "../support/api";
import { all, createPerson, ensureInstances, uniq } from "../support/persons";

const NIL = "00000000-0000-4000-8000-000000000000";

test.describe("persons", () => {
  test("POST /persons creates a person with identities (201)", async ({ request }) => {
    const inst = await ensureInstances(request);
    const res = await request.post("/api/v1/persons", {
      headers: all(),
      data: { displayName: "Api Person", primaryPhone: "+1 415 555 0123", primaryEmail: "API@Example.com", metadata: { tier: "gold" },
        identities: [{ instanceId: inst.wa, platformUserId: `p-${uniq()}`, platformUsername: "api_p" }] },
    });
    expect(res.status()).toBe(201);
    const { data } = await res.json();
    expect(data).toMatchObject({ displayName: "Api Person", primaryPhone: "+14155550123", primaryEmail: "api@example.com", metadata: { tier: "gold" } });
    expect(data.identities).toEqual([expect.objectContaining({ channel: "whatsapp", platformUsername: "api_p", instance: expect.objectContaining({ id: inst.wa }) })]);
  });

  test("POST /persons refuses bad input (400), a taken identity (409), and callers without the scope", async ({ request }) => {
    const inst = await ensureInstances(request);
    let e = await expectError(await request.post("/api/v1/persons", { headers: all(), data: { primaryPhone: "555-0123" } }), 400, "VALIDATION_ERROR");
    expect((e.details.fields as Record<string, string[]>).primaryPhone[0]).toMatch(/country code/);
    e = await expectError(await request.post("/api/v1/persons", { headers: all(), data: { nickname: "x" } }), 400, "VALIDATION_ERROR");
    await expectError(await request.post("/api/v1/persons", { headers: { ...all(), "Content-Type": "application/json" }, data: "{oops" }), 400, "VALIDATION_ERROR");
    await expectError(await request.post("/api/v1/persons", { headers: all(), data: { metadata: "not an object" } }), 400, "VALIDATION_ERROR");
    const uid = `dup-${uniq()}`;
    await createPerson(request, { identities: [{ channel: "wa", uid }] });
    await expectError(await request.post("/api/v1/persons", { headers: all(), data: { identities: [{ instanceId: inst.wa, platformUserId: uid }] } }), 409, "CONFLICT");
    await expectError(await request.post("/api/v1/persons", { headers: all(), data: { identities: [{ instanceId: NIL, platformUserId: "x" }] } }), 404, "NOT_FOUND");
    await expectError(await request.post("/api/v1/persons", { data: {} }), 401, "UNAUTHENTICATED");
    e = await expectError(await request.post("/api/v1/persons", { headers: bearer(keys().personsRead.key), data: {} }), 403, "FORBIDDEN");
    expect(e.details.requiredScope).toBe("persons:write");
  });

  test("GET /persons?q= searches as you type, pages, and survives any input", async ({ request }) => {
    const tag = uniq();
    const p = await createPerson(request, { displayName: `Searchable ${tag}`, primaryEmail: `s.${tag}@example.com`, identities: [{ channel: "tg", username: `tg_${tag}` }] });
    const h = bearer(keys().personsRead.key);
    for (const q of [`searchable ${tag.slice(0, 2)}`, `s.${tag}@exa`, `tg_${tag}`]) {
      const res = await request.get(`/api/v1/persons?q=${encodeURIComponent(q)}`, { headers: h });
      expect(res.status()).toBe(200);
      const body = await res.json();
      expect(body.items.map((i: { id: string }) => i.id)).toContain(p.id);
      expect(body).toHaveProperty("nextCursor");
    }
    const row = (await (await request.get(`/api/v1/persons?q=${tag}`, { headers: h })).json()).items[0];
    expect(row).toMatchObject({ id: p.id, identityCount: 1, channels: ["telegram"], lastSeenAt: null });
    for (const q of ['"', "NEAR(", "*", "a OR", "'--", "((("]) {
      expect((await request.get(`/api/v1/persons?q=${encodeURIComponent(q)}`, { headers: h })).status()).toBe(200);
    }
    // Nothing searchable (no letter or digit): no rows, never the whole directory.
    for (const q of ["😀", "★", "*", "---", "%", "_"]) {
      const res = await request.get(`/api/v1/persons?q=${encodeURIComponent(q)}`, { headers: h });
      expect(res.status(), q).toBe(200);
      expect(await res.json(), q).toEqual({ items: [], nextCursor: null });
    }
    for (let i = 0; i < 3; i++) await createPerson(request, { displayName: `Paged ${tag} ${i}` });
    const page1 = await (await request.get(`/api/v1/persons?q=paged+${tag}&limit=2`, { headers: h })).json();
    expect(page1.items).toHaveLength(2);
    const page2 = await (await request.get(`/api/v1/persons?q=paged+${tag}&limit=2&cursor=${page1.nextCursor}`, { headers: h })).json();
    expect(page2).toMatchObject({ items: [expect.anything()], nextCursor: null });
    await expectError(await request.get("/api/v1/persons?limit=0", { headers: h }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/persons?cursor=zzz", { headers: h }), 400, "VALIDATION_ERROR");
    await expectError(await request.get("/api/v1/persons"), 401, "UNAUTHENTICATED");
    await expectError(await request.get("/api/v1/persons", { headers: bearer(keys().routesRead.key) }), 403, "FORBIDDEN");
  });

  test("GET and PATCH /persons/:id", async ({ request }) => {
    const p = await createPerson(request, { displayName: "Patch me", identities: [{ channel: "wa" }] });
    const got = await request.get(`/api/v1/persons/${p.id}`, { headers: bearer(keys().personsRead.key) });
    expect(got.status()).toBe(200);
    expect((await got.json()).data.identities).toHaveLength(1);
    const res = await request.patch(`/api/v1/persons/${p.id}`, { headers: all(), data: { displayName: "Patched", primaryPhone: "+5511987654321", metadata: { vip: true } } });
    expect(res.status()).toBe(200);
    expect((await res.json()).data).toMatchObject({ displayName: "Patched", primaryPhone: "+5511987654321", metadata: { vip: true } });
    const cleared = await request.patch(`/api/v1/persons/${p.id}`, { headers: all(), data: { primaryPhone: null } });
    expect((await cleared.json()).data.primaryPhone).toBeNull();
    const e = await expectError(await request.patch(`/api/v1/persons/${p.id}`, { headers: all(), data: { primaryPhone: "+1 555" } }), 400, "VALIDATION_ERROR");
    expect(e.details.fields).toHaveProperty("primaryPhone");
    await expectError(await request.patch(`/api/v1/persons/${p.id}`, { headers: all(), data: { metadata: [1] } }), 400, "VALIDATION_ERROR");
    await expectError(await request.patch(`/api/v1/persons/${NIL}`, { headers: all(), data: { displayName: "x" } }), 404, "NOT_FOUND");
    await expectError(await request.get(`/api/v1/persons/${NIL}`, { headers: all() }), 404, "NOT_FOUND");
    await expectError(await request.get("/api/v1/persons/not-a-uuid", { headers: all() }), 404, "NOT_FOUND");
    await expectError(await request.patch(`/api/v1/persons/${p.id}`, { headers: bearer(keys().personsRead.key), data: { displayName: "x" } }), 403, "FORBIDDEN");
  });

  test("GET /persons/:id/presence and POST /identities/:id/activity", async ({ request }) => {
    const p = await createPerson(request, { identities: [{ channel: "wa" }, { channel: "tg" }] });
    const a = p.identities.find((i) => i.channel === "whatsapp")!;
    const b = p.identities.find((i) => i.channel === "telegram")!;
    let res = await request.post(`/api/v1/identities/${a.id}/activity`, { headers: all(), data: { messages: 4 } });
    expect(res.status()).toBe(200);
    expect((await res.json()).data).toMatchObject({ id: a.id, messageCount: 4 });
    res = await request.post(`/api/v1/identities/${b.id}/activity`, { headers: all(), data: { at: new Date(Date.now() - 86_400_000).toISOString(), messages: 1 } });
    expect(res.status()).toBe(200);
    const presence = (await (await request.get(`/api/v1/persons/${p.id}/presence`, { headers: bearer(keys().personsRead.key) })).json()).data;
    expect(presence.summary).toMatchObject({ totalIdentities: 2, activeChannels: 2, totalMessages: 5, online: true });
    expect(presence.byChannel.telegram).toMatchObject({ identities: 1, messages: 1, online: false });
    expect(presence.identities).toHaveLength(2);
    await expectError(await request.post(`/api/v1/identities/${a.id}/activity`, { headers: all(), data: { messages: -1 } }), 400, "VALIDATION_ERROR");
    await expectError(await request.post(`/api/v1/identities/${a.id}/activity`, { headers: all(), data: { at: "yesterday" } }), 400, "VALIDATION_ERROR");
    await expectError(await request.post(`/api/v1/identities/${NIL}/activity`, { headers: all(), data: {} }), 404, "NOT_FOUND");
    await expectError(await request.get(`/api/v1/persons/${NIL}/presence`, { headers: all() }), 404, "NOT_FOUND");
    await expectError(await request.post(`/api/v1/identities/${a.id}/activity`, { headers: bearer(keys().personsRead.key), data: {} }), 403, "FORBIDDEN");
  });

  test("POST /persons/merge", async ({ request }) => {
    const src = await createPerson(request, { displayName: "Merge src", primaryPhone: "+14155550111", identities: [{ channel: "wa" }, { channel: "tg" }] });
    const tgt = await createPerson(request, { displayName: "Merge tgt", identities: [{ channel: "tg" }] });
    const res = await request.post("/api/v1/persons/merge", { headers: all(), data: { sourceId: src.id, targetId: tgt.id, reason: "Same phone" } });
    expect(res.status(), await res.text()).toBe(200);
    const { data } = await res.json();
    expect(data).toMatchObject({ deletedPersonId: src.id, auditEventId: expect.any(String), person: { id: tgt.id, primaryPhone: "+14155550111" } });
    expect(data.mergedIdentityIds.sort()).toEqual(src.identities.map((i) => i.id).sort());
    expect(data.person.identities).toHaveLength(3);
    await expectError(await request.get(`/api/v1/persons/${src.id}`, { headers: all() }), 404, "NOT_FOUND");
    const e = await expectError(await request.post("/api/v1/persons/merge", { headers: all(), data: { sourceId: tgt.id, targetId: tgt.id } }), 409, "CONFLICT");
    expect(e.message).toMatch(/itself/);
    await expectError(await request.post("/api/v1/persons/merge", { headers: all(), data: { sourceId: src.id, targetId: tgt.id } }), 404, "NOT_FOUND");
    await expectError(await request.post("/api/v1/persons/merge", { headers: all(), data: { sourceId: "nope", targetId: tgt.id } }), 400, "VALIDATION_ERROR");
    await expectError(await request.post("/api/v1/persons/merge", { headers: all(), data: {} }), 400, "VALIDATION_ERROR");
    await expectError(await request.post("/api/v1/persons/merge", { headers: bearer(keys().personsRead.key), data: { sourceId: src.id, targetId: tgt.id } }), 403, "FORBIDDEN");
    await expectError(await request.post("/api/v1/persons/merge", { data: { sourceId: src.id, targetId: tgt.id } }), 401, "UNAUTHENTICATED");
  });

  test("POST /identities/link and /identities/:id/unlink", async ({ request }) => {
    const a = await createPerson(request, { displayName: "Link a", identities: [{ channel: "wa" }] });
    const b = await createPerson(request, { displayName: "Link b", identities: [{ channel: "tg", username: "linkee" }] });
    const res = await request.post("/api/v1/identities/link", { headers: all(), data: { identityA: a.identities[0].id, identityB: b.identities[0].id, reason: "Confirmed by phone" } });
    expect(res.status(), await res.text()).toBe(200);
    const linked = (await res.json()).data;
    expect(linked).toMatchObject({ merged: true, mergedPersonId: b.id, person: { id: a.id }, auditEventId: expect.any(String) });
    expect(linked.person.identities).toHaveLength(2);
    await expectError(await request.post("/api/v1/identities/link", { headers: all(), data: { identityA: a.identities[0].id, identityB: b.identities[0].id } }), 409, "CONFLICT");
    await expectError(await request.post("/api/v1/identities/link", { headers: all(), data: { identityA: a.identities[0].id, identityB: NIL } }), 404, "NOT_FOUND");
    await expectError(await request.post("/api/v1/identities/link", { headers: all(), data: { identityA: a.identities[0].id } }), 400, "VALIDATION_ERROR");
    await expectError(await request.post("/api/v1/identities/link", { headers: bearer(keys().personsRead.key), data: { identityA: a.identities[0].id, identityB: b.identities[0].id } }), 403, "FORBIDDEN");

    const un = await request.post(`/api/v1/identities/${b.identities[0].id}/unlink`, { headers: all(), data: {} });
    expect(un.status(), await un.text()).toBe(200);
    const unlinked = (await un.json()).data;
    expect(unlinked.identity).toMatchObject({ id: b.identities[0].id, linkReason: "Manual unlink" });
    expect(unlinked.person).toMatchObject({ displayName: "linkee", identities: [expect.objectContaining({ id: b.identities[0].id })] });
    expect(unlinked.auditEventId).toEqual(expect.any(String));
    const alone = await expectError(await request.post(`/api/v1/identities/${b.identities[0].id}/unlink`, { headers: all(), data: { reason: "again" } }), 409, "CONFLICT");
    expect(alone.message).toMatch(/only one/);
    await expectError(await request.post(`/api/v1/identities/${NIL}/unlink`, { headers: all(), data: {} }), 404, "NOT_FOUND");
    await expectError(await request.post(`/api/v1/identities/${a.identities[0].id}/unlink`, { headers: all(), data: { reason: 5 } }), 400, "VALIDATION_ERROR");
    await expectError(await request.post(`/api/v1/identities/${a.identities[0].id}/unlink`, { data: {} }), 401, "UNAUTHENTICATED");
  });
});
