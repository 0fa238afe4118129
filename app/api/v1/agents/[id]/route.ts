import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { agentUpdateSchema } from "@/lib/catalog/schemas";
import { idSchema } from "@/lib/schemas/common";
import { parseInput } from "@/lib/schemas/parse";
import { getAgent, updateAgent } from "@/lib/catalog/agents";
import { notFound } from "@/lib/errors";

type P = { id: string };
const id = (p: P) => {
  if (!idSchema.safeParse(p.id).success) throw notFound("Agent");
  return p.id;
};

export const GET = apiRoute<P>(async ({ principal, params }) => ok(await getAgent(principal, id(params))));
export const PATCH = apiRoute<P>(async ({ principal, params, body }) =>
  ok(await updateAgent(principal, id(params), parseInput(agentUpdateSchema, await body()))),
);
