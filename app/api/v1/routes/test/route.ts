import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { routeTestSchema } from "@/lib/schemas/routes";
import { parseInput } from "@/lib/schemas/parse";
import { testRoute } from "@/lib/services/route-resolver";

export const POST = apiRoute(async ({ principal, body }) => ok(await testRoute(principal, parseInput(routeTestSchema, await body()))));
