import { apiRoute } from "@/lib/api/handler";
import { list } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { parseInput, searchParamsObject } from "@/lib/schemas/parse";
import { deliveryListQuerySchema } from "@/lib/webhooks/schemas";
import { listDeliveries } from "@/lib/webhook-delivery/list-deliveries";

export const GET = apiRoute<{ id: string }>(async ({ principal, params, query }) =>
  list(await listDeliveries(principal, idParam(params.id, "Webhook"), parseInput(deliveryListQuerySchema, searchParamsObject(query), "Invalid query."))),
);
