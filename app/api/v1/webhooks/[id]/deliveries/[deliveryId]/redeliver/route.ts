import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { parseInput } from "@/lib/schemas/parse";
import { webhookEmptyBodySchema } from "@/lib/webhooks/schemas";
import { redeliver } from "@/lib/webhook-delivery/redeliver";

export const POST = apiRoute<{ id: string; deliveryId: string }>(async ({ principal, params, body }) => {
  parseInput(webhookEmptyBodySchema, await body());
  return ok(await redeliver(principal, idParam(params.id, "Webhook"), idParam(params.deliveryId, "Delivery")));
});
