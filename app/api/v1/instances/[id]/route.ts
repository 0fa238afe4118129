import { apiRoute } from "@/lib/api/handler";
import { deleted, ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { instanceUpdateSchema } from "@/lib/catalog/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { deleteInstance, getInstance, updateInstance } from "@/lib/catalog/instances";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => ok(await getInstance(principal, idParam(params.id, "Instance"))));
export const PATCH = apiRoute<P>(async ({ principal, params, body }) =>
  ok(await updateInstance(principal, idParam(params.id, "Instance"), parseInput(instanceUpdateSchema, await body()))),
);
export const DELETE = apiRoute<P>(async ({ principal, params }) => {
  const r = await deleteInstance(principal, idParam(params.id, "Instance"));
  return deleted(r.id);
});
