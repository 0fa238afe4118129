import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { parseInput } from "@/lib/schemas/parse";
import { webhookEmptyBodySchema } from "@/lib/webhooks/schemas";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";

export const POST = apiRoute<{ id: string }>(async ({ principal, params, body }) => {
  parseInput(webhookEmptyBodySchema, await body());
  return ok(await rotateWebhookSecret(principal, idParam(params.id, "Webhook")));
});
