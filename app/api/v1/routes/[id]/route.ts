import { apiRoute } from "@/lib/api/handler";
import { deleted, ok } from "@/lib/api/responses";
import { idParam } from "@/lib/api/id-param";
import { routeUpdateSchema } from "@/lib/routes/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { deleteRoute } from "@/lib/routes/delete-route";
import { getRoute } from "@/lib/routes/get-route";
import { updateRoute } from "@/lib/routes/update-route";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => ok(await getRoute(principal, idParam(params.id, "Route"))));
export const PATCH = apiRoute<P>(async ({ principal, params, body }) => {
  const routeId = idParam(params.id, "Route");
  return ok(await updateRoute(principal, routeId, parseInput(routeUpdateSchema, await body())));
});
export const DELETE = apiRoute<P>(async ({ principal, params }) => deleted((await deleteRoute(principal, idParam(params.id, "Route"))).id));
