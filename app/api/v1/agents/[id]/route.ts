import { apiRoute } from "@/lib/api/handler";
import { ok, tagged } from "@/lib/api/responses";
import { parseIfMatch } from "@/lib/api/etag";
import { idParam } from "@/lib/api/id-param";
import { agentUpdateSchema } from "@/lib/catalog/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { deleteAgent, getAgent, updateAgent } from "@/lib/catalog/agents";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => tagged(await getAgent(principal, idParam(params.id, "Agent"))));
export const PATCH = apiRoute<P>(async ({ req, principal, params, body }) =>
  tagged(await updateAgent(principal, idParam(params.id, "Agent"), parseInput(agentUpdateSchema, await body()), parseIfMatch(req.headers.get("if-match")))),
);
export const DELETE = apiRoute<P>(async ({ req, principal, params }) =>
  ok(await deleteAgent(principal, idParam(params.id, "Agent"), parseIfMatch(req.headers.get("if-match")))),
);
