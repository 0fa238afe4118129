import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { routeTestSchema } from "@/lib/routes/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { testRoute } from "@/lib/routes/resolver";

export const POST = apiRoute(async ({ principal, body }) => ok(await testRoute(principal, parseInput(routeTestSchema, await body()))));
