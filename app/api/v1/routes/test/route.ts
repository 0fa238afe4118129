import { apiRoute } from "@/lib/api/handler";
import { routeTestEndpoint } from "@/lib/api/hot-endpoints";

// Bearer-key calls are answered before Next by the app server's hot lane (lib/api/hot-lane.ts), with this same handler.
export const POST = apiRoute(routeTestEndpoint);
