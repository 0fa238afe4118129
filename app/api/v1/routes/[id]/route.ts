import { apiRoute } from "@/lib/api/handler";
import { deleted, tagged } from "@/lib/api/responses";
import { parseIfMatch } from "@/lib/api/etag";
import { idParam } from "@/lib/api/id-param";
import { routeUpdateSchema } from "@/lib/routes/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { deleteRoute } from "@/lib/routes/delete-route";
import { getRoute } from "@/lib/routes/get-route";
import { updateRoute } from "@/lib/routes/update-route";

type P = { id: string };

export const GET = apiRoute<P>(async ({ principal, params }) => tagged(await getRoute(principal, idParam(params.id, "Route"))));
export const PATCH = apiRoute<P>(async ({ req, principal, params, body }) => {
  const routeId = idParam(params.id, "Route");
  return tagged(await updateRoute(principal, routeId, parseInput(routeUpdateSchema, await body()), parseIfMatch(req.headers.get("if-match"))));
});
export const DELETE = apiRoute<P>(async ({ req, principal, params }) =>
  deleted((await deleteRoute(principal, idParam(params.id, "Route"), parseIfMatch(req.headers.get("if-match")))).id),
);
