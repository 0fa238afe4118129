// The endpoints the app server's hot lane answers (./hot-lane.ts) for Bearer-key callers, and
// their handlers, which the Next routes use too: both ways answer alike.
import "server-only";
import { uncompressed } from "./responses";
import type { BaseContext } from "./handler";
import { parseInput } from "../schemas/parse";
import { routeTestSchema } from "../routes/schemas";
import { testRoute } from "../routes/resolver";

/** A handler of the lane: what an API route handler gets, without Next's request. */
export type HotHandler = (ctx: BaseContext) => Promise<Response>;

/**
 * POST /api/v1/routes/test (app/api/v1/routes/test/route.ts): which route answers here, and why.
 * The messaging hub calls it on every inbound message. 200 `{ data: ResolvedRoute }`
 * (routes/resolver.ts `testRoute`), uncompressed; errors are testRoute's and parseInput's.
 */
export const routeTestEndpoint: HotHandler = async ({ principal, body }) =>
  uncompressed(await testRoute(principal, parseInput(routeTestSchema, await body())));

/** The lane's endpoints by "METHOD path" (exact path, no trailing slash). */
export const HOT_ENDPOINTS: ReadonlyMap<string, HotHandler> = new Map([["POST /api/v1/routes/test", routeTestEndpoint]]);
