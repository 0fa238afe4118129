// Stale webhook edits refused (contract: Concurrency): PATCH and DELETE of a webhook endpoint
// honour If-Match inside their transaction (stale → 412, nothing written, nothing deleted; `*`
// and the current tag apply); a failed delivery (failingSince) does not make a loaded tag stale.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { etagOf, type IfMatch } from "@/lib/api/etag";
import { parseInput } from "@/lib/schemas/parse";
import { webhookCreateSchema } from "@/lib/webhooks/schemas";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { getWebhook } from "@/lib/webhooks/list-webhooks";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import { admin, expectCode, uniq } from "./routes-helpers";

const auditCount = (targetId: string) => prisma.auditEvent.count({ where: { targetId } });
const tagOf = (v: unknown): IfMatch => [etagOf(v)];
const hook = () => createWebhook(admin, parseInput(webhookCreateSchema, { url: `https://hooks.example.com/${uniq()}`, events: ["*"] }));

describe("If-Match on webhooks", () => {
  it("PATCH: current tag applies; the tag loaded before that edit is 412 and changes nothing; * applies", async () => {
    const w = await hook();
    const loaded = await getWebhook(admin, w.id);
    const first = await updateWebhook(admin, w.id, { description: "one" }, tagOf(loaded));
    expect(first.description).toBe("one");
    expect(etagOf(first)).toBe(etagOf(await getWebhook(admin, w.id)));
    expect(etagOf(first)).not.toBe(etagOf(loaded));
    const events = await auditCount(w.id);
    const e = await expectCode(updateWebhook(admin, w.id, { description: "two" }, tagOf(loaded)), "PRECONDITION_FAILED");
    expect(e.status).toBe(412);
    expect(e.details).toMatchObject({ etag: etagOf(first), current: { description: "one" } });
    expect((await getWebhook(admin, w.id)).description).toBe("one");
    expect(await auditCount(w.id)).toBe(events);
    // a stale tag is refused even when the PATCH would change nothing
    await expectCode(updateWebhook(admin, w.id, { description: "one" }, tagOf(loaded)), "PRECONDITION_FAILED");
    await updateWebhook(admin, w.id, { description: "three" }, "*");
    expect(await auditCount(w.id)).toBe(events + 1);
    // garbage and weak tags match nothing
    await expectCode(updateWebhook(admin, w.id, { description: "four" }, ["garbage"]), "PRECONDITION_FAILED");
    await expectCode(updateWebhook(admin, w.id, { description: "four" }, [`W/${etagOf(await getWebhook(admin, w.id))}`]), "PRECONDITION_FAILED");
  });

  it("a secret rotation is an edit: the tag loaded before it is stale", async () => {
    const w = await hook();
    const loaded = await getWebhook(admin, w.id);
    await rotateWebhookSecret(admin, w.id);
    await expectCode(updateWebhook(admin, w.id, { description: "x" }, tagOf(loaded)), "PRECONDITION_FAILED");
  });

  it("ROTATE: a stale version is 412 and rotates nothing (the secret still signs alone); current and * rotate", async () => {
    const w = await hook();
    const loaded = await getWebhook(admin, w.id);
    await updateWebhook(admin, w.id, { url: `https://hooks.example.com/${uniq()}` });
    const secretBefore = (await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: w.id } })).secret;
    const events = await auditCount(w.id);
    const e = await expectCode(rotateWebhookSecret(admin, w.id, tagOf(loaded)), "PRECONDITION_FAILED");
    expect(e.status).toBe(412);
    expect(e.details).toMatchObject({ current: { url: (await getWebhook(admin, w.id)).url, secretRotating: false } });
    const after = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: w.id } });
    expect(after.secret).toBe(secretBefore);
    expect(after.previousSecret).toBeNull();
    expect(await auditCount(w.id)).toBe(events);
    const rotated = await rotateWebhookSecret(admin, w.id, tagOf(await getWebhook(admin, w.id)));
    expect(rotated.secret).not.toBe(secretBefore);
    expect(rotated.secretRotating).toBe(true);
    await rotateWebhookSecret(admin, w.id, "*");
    expect(await auditCount(w.id)).toBe(events + 2);
  });

  it("DISABLE (the page's toggle): a stale version is 412 and the endpoint stays enabled", async () => {
    const w = await hook();
    const loaded = await getWebhook(admin, w.id);
    await updateWebhook(admin, w.id, { events: ["person.merge"] });
    await expectCode(updateWebhook(admin, w.id, { disabled: true }, tagOf(loaded)), "PRECONDITION_FAILED");
    expect((await getWebhook(admin, w.id)).disabled).toBe(false);
  });

  it("a failed delivery (failingSince) is not an edit: the loaded tag still applies", async () => {
    const w = await hook();
    const loaded = await getWebhook(admin, w.id);
    await prisma.webhookEndpoint.update({ where: { id: w.id }, data: { failingSince: new Date() } });
    expect(etagOf(await getWebhook(admin, w.id))).not.toBe(etagOf(loaded)); // the JSON changed …
    await updateWebhook(admin, w.id, { description: "still mine" }, tagOf(loaded)); // … the version did not
    // being disabled by the worker is an edit
    const loaded2 = await getWebhook(admin, w.id);
    await prisma.webhookEndpoint.update({ where: { id: w.id }, data: { disabled: true, disabledAt: new Date(), disabledReason: "auto" } });
    await expectCode(updateWebhook(admin, w.id, { description: "x" }, tagOf(loaded2)), "PRECONDITION_FAILED");
  });

  it("two edits racing with the same loaded tag: exactly one applies, the others get 412", async () => {
    const w = await hook();
    const m = tagOf(await getWebhook(admin, w.id));
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => updateWebhook(admin, w.id, { description: `race ${n}` }, m)));
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    for (const x of results) if (x.status === "rejected") expect((x.reason as { code: string }).code).toBe("PRECONDITION_FAILED");
  });

  it("DELETE: stale → 412 and the endpoint stays; current → deleted", async () => {
    const w = await hook();
    const loaded = await getWebhook(admin, w.id);
    await updateWebhook(admin, w.id, { events: ["route.*"] });
    const events = await auditCount(w.id);
    await expectCode(deleteWebhook(admin, w.id, tagOf(loaded)), "PRECONDITION_FAILED");
    expect(await getWebhook(admin, w.id)).toBeTruthy();
    expect(await auditCount(w.id)).toBe(events);
    await deleteWebhook(admin, w.id, tagOf(await getWebhook(admin, w.id)));
    await expectCode(getWebhook(admin, w.id), "NOT_FOUND");
    const w2 = await hook();
    await deleteWebhook(admin, w2.id, "*");
    await expectCode(getWebhook(admin, w2.id), "NOT_FOUND");
  });
});
