import { apiRoute } from "@/lib/api/handler";
import { created, list } from "@/lib/api/responses";
import { listQuerySchema } from "@/lib/schemas/common";
import { agentCreateSchema } from "@/lib/catalog/schemas";
import { parseInput, searchParamsObject } from "@/lib/schemas/parse";
import { createAgent, listAgents } from "@/lib/catalog/agents";

export const GET = apiRoute(async ({ principal, query }) =>
  list(await listAgents(principal, parseInput(listQuerySchema, searchParamsObject(query), "Invalid query."))),
);

export const POST = apiRoute(async ({ principal, body }) =>
  created(await createAgent(principal, parseInput(agentCreateSchema, await body()))),
);
