import { apiRoute } from "@/lib/api/handler";
import { created, list } from "@/lib/api/responses";
import { keyCreateSchema, keyListQuerySchema } from "@/lib/keys/schemas";
import { parseInput, searchParamsObject } from "@/lib/schemas/parse";
import { createApiKey } from "@/lib/keys/create-key";
import { listApiKeys } from "@/lib/keys/list-keys";

export const GET = apiRoute(async ({ principal, query }) =>
  list(await listApiKeys(principal, parseInput(keyListQuerySchema, searchParamsObject(query), "Invalid query."))),
);

export const POST = apiRoute(async ({ principal, body }) =>
  created(await createApiKey(principal, parseInput(keyCreateSchema, await body()))),
);
