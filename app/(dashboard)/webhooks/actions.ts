"use server";
// Server actions of the Webhooks page: each parses with the shared schema and calls the same
// service function as the matching /api/v1/webhooks handler.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { idInput, validatedAction, versionField, withId } from "@/lib/actions/validated-action";
import { parseIfMatch } from "@/lib/api/etag";
import { idSchema } from "@/lib/schemas/common";
import { webhookCreateSchema, webhookUpdateSchema } from "@/lib/webhooks/schemas";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import { sendTestEvent } from "@/lib/webhook-delivery/send-test";
import { redeliver } from "@/lib/webhook-delivery/redeliver";

const done = () => revalidatePath("/webhooks");

export const createWebhookAction = validatedAction(webhookCreateSchema, async (input, p) => {
  const w = await createWebhook(p, input);
  done();
  return { id: w.id, url: w.url, secret: w.secret };
});

/** The page's version check: `version` is the endpoint's ETag as the page loaded it (absent: none). */
const expected = (version: string | undefined) => (version ? parseIfMatch(version) : undefined);
const idAndVersion = idInput.safeExtend(versionField);

/** Saves the edit form or the enable/disable button; with `version` a stale change is PRECONDITION_FAILED. */
export const updateWebhookAction = validatedAction(withId(webhookUpdateSchema).safeExtend(versionField), async ({ id, version, ...input }, p) => {
  const w = await updateWebhook(p, id, input, expected(version));
  done();
  return { id: w.id };
});

/** Deletes the endpoint; with `version` a stale delete is PRECONDITION_FAILED (nothing deleted). */
export const deleteWebhookAction = validatedAction(idAndVersion, async ({ id, version }, p) => {
  const r = await deleteWebhook(p, id, expected(version));
  done();
  return r;
});

/** Rotates the secret; with `version` a stale rotation is PRECONDITION_FAILED (nothing rotated). */
export const rotateWebhookAction = validatedAction(idAndVersion, async ({ id, version }, p) => {
  const w = await rotateWebhookSecret(p, id, expected(version));
  done();
  return { id: w.id, url: w.url, secret: w.secret };
});

export const testWebhookAction = validatedAction(idInput, async ({ id }, p) => {
  const d = await sendTestEvent(p, id);
  done();
  return { status: d.status, lastStatusCode: d.lastStatusCode, lastError: d.lastError };
});

export const redeliverAction = validatedAction(z.strictObject({ id: idSchema, deliveryId: idSchema }), async ({ id, deliveryId }, p) => {
  const d = await redeliver(p, id, deliveryId);
  done();
  return { id: d.id };
});
