import { apiRoute } from "@/lib/api/handler";
import { ok } from "@/lib/api/responses";
import { routeMetrics } from "@/lib/routes/resolver";

export const GET = apiRoute(async ({ principal }) => ok(routeMetrics(principal)));
