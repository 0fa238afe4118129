import { apiRoute } from "@/lib/api/handler";
import { created, json } from "@/lib/api/responses";
import { routeCreateSchema, routeListQuerySchema } from "@/lib/routes/schemas";
import { parseInput, searchParamsObject } from "@/lib/schemas/parse";
import { createRoute } from "@/lib/routes/create-route";
import { listRoutes } from "@/lib/routes/list-routes";

export const GET = apiRoute(async ({ principal, query }) => {
  const page = await listRoutes(principal, parseInput(routeListQuerySchema, searchParamsObject(query), "Invalid query."));
  return json(page);
});

export const POST = apiRoute(async ({ principal, body }) =>
  created(await createRoute(principal, parseInput(routeCreateSchema, await body()))),
);
