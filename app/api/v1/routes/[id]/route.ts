import { apiRoute } from "@/lib/api/handler";
import { deleted, ok } from "@/lib/api/responses";
import { idSchema } from "@/lib/schemas/common";
import { routeUpdateSchema } from "@/lib/routes/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { deleteRoute } from "@/lib/routes/delete-route";
import { getRoute } from "@/lib/routes/get-route";
import { updateRoute } from "@/lib/routes/update-route";
import { notFound } from "@/lib/errors";

type P = { id: string };
const id = (p: P) => {
  if (!idSchema.safeParse(p.id).success) throw notFound("Route");
  return p.id;
};

export const GET = apiRoute<P>(async ({ principal, params }) => ok(await getRoute(principal, id(params))));
export const PATCH = apiRoute<P>(async ({ principal, params, body }) => {
  const routeId = id(params);
  return ok(await updateRoute(principal, routeId, parseInput(routeUpdateSchema, await body())));
});
export const DELETE = apiRoute<P>(async ({ principal, params }) => deleted((await deleteRoute(principal, id(params))).id));
