import { apiRoute } from "@/lib/api/handler";
import { deleted, ok } from "@/lib/api/responses";
import { instanceUpdateSchema } from "@/lib/catalog/schemas";
import { idSchema } from "@/lib/schemas/common";
import { parseInput } from "@/lib/schemas/parse";
import { deleteInstance, getInstance, updateInstance } from "@/lib/catalog/instances";
import { notFound } from "@/lib/errors";

type P = { id: string };
const id = (p: P) => {
  if (!idSchema.safeParse(p.id).success) throw notFound("Instance");
  return p.id;
};

export const GET = apiRoute<P>(async ({ principal, params }) => ok(await getInstance(principal, id(params))));
export const PATCH = apiRoute<P>(async ({ principal, params, body }) =>
  ok(await updateInstance(principal, id(params), parseInput(instanceUpdateSchema, await body()))),
);
export const DELETE = apiRoute<P>(async ({ principal, params }) => {
  const r = await deleteInstance(principal, id(params));
  return deleted(r.id);
});
