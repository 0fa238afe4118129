import { apiRoute } from "@/lib/api/handler";
import { created, list } from "@/lib/api/responses";
import { parseInput, searchParamsObject } from "@/lib/schemas/parse";
import { webhookCreateSchema, webhookListQuerySchema } from "@/lib/webhooks/schemas";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";

export const GET = apiRoute(async ({ principal, query }) =>
  list(await listWebhooks(principal, parseInput(webhookListQuerySchema, searchParamsObject(query), "Invalid query."))),
);

export const POST = apiRoute(async ({ principal, body }) => created(await createWebhook(principal, parseInput(webhookCreateSchema, await body()))));
