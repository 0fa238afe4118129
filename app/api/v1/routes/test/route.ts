import { apiRoute } from "@/lib/api/handler";
import { uncompressed } from "@/lib/api/responses";
import { routeTestSchema } from "@/lib/routes/schemas";
import { parseInput } from "@/lib/schemas/parse";
import { testRoute } from "@/lib/routes/resolver";

export const POST = apiRoute(async ({ principal, body }) => uncompressed(await testRoute(principal, parseInput(routeTestSchema, await body()))));
