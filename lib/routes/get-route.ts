// Read one route.
import "server-only";
import { requireScope, type Principal } from "../auth/principal";
import { findVisibleRoute, type RouteView } from "./route-records";

/** One route (`routes:read`); 404 when unknown or on an instance the principal cannot see. */
export async function getRoute(p: Principal, id: string): Promise<RouteView> {
  requireScope(p, "routes:read");
  return findVisibleRoute(p, id);
}

