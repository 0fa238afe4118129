import { apiRoute } from "@/lib/api/handler";
import { deleted, tagged } from "@/lib/api/responses";
import { parseIfMatch } from "@/lib/api/etag";
import { idParam } from "@/lib/api/id-param";
import { instanceUpdateSchema } from "@/lib/catalog/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { deleteInstance, getInstance, updateInstance } from "@/lib/catalog/instances";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => tagged(await getInstance(principal, idParam(params.id, "Instance"))));
export const PATCH = apiRoute<P>(async ({ req, principal, params, body }) =>
  tagged(await updateInstance(principal, idParam(params.id, "Instance"), parseInput(instanceUpdateSchema, await body()), parseIfMatch(req.headers.get("if-match")))),
);
export const DELETE = apiRoute<P>(async ({ req, principal, params }) => {
  const r = await deleteInstance(principal, idParam(params.id, "Instance"), parseIfMatch(req.headers.get("if-match")));
  return deleted(r.id);
});
