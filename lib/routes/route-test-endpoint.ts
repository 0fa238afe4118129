// POST /api/v1/routes/test: which route answers here, and why. Served by the Next route
// (app/api/v1/routes/test/route.ts) and, for Bearer-key callers, by the app server's hot lane
// (lib/api/hot-lane.ts): the messaging hub calls it on every inbound message.
import "server-only";
import { uncompressed } from "../api/responses";
import type { BaseContext } from "../api/handler";
import { parseInput } from "../schemas/parse";
import { routeTestSchema } from "./schemas";
import { testRoute } from "./resolver";

/** 200 `{ data: ResolvedRoute }` (resolver.ts `testRoute`), uncompressed; its errors are testRoute's and parseInput's. */
export const routeTestEndpoint = async ({ principal, body }: BaseContext): Promise<Response> =>
  uncompressed(await testRoute(principal, parseInput(routeTestSchema, await body())));
