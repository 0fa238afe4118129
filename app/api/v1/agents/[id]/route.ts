import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { agentUpdateSchema } from "@/lib/catalog/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { getAgent, updateAgent } from "@/lib/catalog/agents";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => ok(await getAgent(principal, idParam(params.id, "Agent"))));
export const PATCH = apiRoute<P>(async ({ principal, params, body }) =>
  ok(await updateAgent(principal, idParam(params.id, "Agent"), parseInput(agentUpdateSchema, await body()))),
);
