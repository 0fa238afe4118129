import { apiRoute } from "@/lib/api/handler";
import { deleted, tagged } from "@/lib/api/responses";
import { parseIfMatch } from "@/lib/api/etag";
import { idParam } from "@/lib/api/id-param";
import { parseInput } from "@/lib/schemas/parse";
import { webhookUpdateSchema } from "@/lib/webhooks/schemas";
import { getWebhook } from "@/lib/webhooks/list-webhooks";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => tagged(await getWebhook(principal, idParam(params.id, "Webhook"))));
export const PATCH = apiRoute<P>(async ({ req, principal, params, body }) =>
  tagged(await updateWebhook(principal, idParam(params.id, "Webhook"), parseInput(webhookUpdateSchema, await body()), parseIfMatch(req.headers.get("if-match")))),
);
export const DELETE = apiRoute<P>(async ({ req, principal, params }) =>
  deleted((await deleteWebhook(principal, idParam(params.id, "Webhook"), parseIfMatch(req.headers.get("if-match")))).id),
);
