import { apiRoute } from "@/lib/api/handler";
import { created, list } from "@/lib/api/responses";
import { listQuerySchema } from "@/lib/schemas/common";
import { instanceCreateSchema } from "@/lib/catalog/schemas";
import { parseInput, searchParamsObject } from "@/lib/schemas/parse";
import { createInstance, listInstances } from "@/lib/catalog/instances";

export const GET = apiRoute(async ({ principal, query }) =>
  list(await listInstances(principal, parseInput(listQuerySchema, searchParamsObject(query), "Invalid query."))),
);

export const POST = apiRoute(async ({ principal, body }) =>
  created(await createInstance(principal, parseInput(instanceCreateSchema, await body()))),
);
