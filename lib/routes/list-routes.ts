// List routes: filtered, sorted, paginated on the server.
import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { instanceFilter, requireScope, type Principal } from "../auth/principal";
import { requireInstance } from "../auth/instance-policy";
import type { RouteListQuery } from "./schemas";
import { keysetArgs, keysetPage, sortedBy, type KeyColumn, type Page } from "../db/keyset";
import { literalText } from "../db/literal-text";
import { routeViewSelect, type RouteView } from "./route-records";

function listWhere(p: Principal, q: RouteListQuery): Prisma.AgentRouteWhereInput {
  const text = q.q?.trim();
  return {
    ...instanceFilter(p),
    ...(q.instance ? { instanceId: q.instance } : {}),
    ...(q.scope ? { scope: q.scope } : {}),
    ...(q.active !== undefined ? { active: q.active } : {}),
    ...(q.agent ? { agentId: q.agent } : {}),
    ...(q.chat ? { chatId: q.chat } : {}),
    ...(q.person ? { personId: q.person } : {}),
    ...(text ? { label: literalText("contains", text) } : {}),
  };
}

export type RoutePage = Page<RouteView> & { total?: number };

/** The key of each `?sort=`: that column then the id, in `?order=` (NULL labels last). */
const SORT_COLUMNS: Record<RouteListQuery["sort"], KeyColumn> = {
  updatedAt: { field: "updatedAt", kind: "date" },
  createdAt: { field: "createdAt", kind: "date" },
  priority: { field: "priority", kind: "number" },
  label: { field: "label", kind: "string", nullable: true },
  scope: { field: "scope", kind: "string" },
  active: { field: "active", kind: "boolean" },
};

/**
 * Server-side filtered, sorted, paginated list. Keyset paging with `cursor` (the previous page's
 * opaque `nextCursor`, same sort and order: 400 otherwise), or `offset` for page-numbered views;
 * `count` adds the total. Only the principal's instances; 403 `FORBIDDEN` for an `instance`
 * filter outside them.
 */
export async function listRoutes(p: Principal, q: RouteListQuery): Promise<RoutePage> {
  requireScope(p, "routes:read");
  requireInstance(p, q.instance); // filtering on an instance outside the restriction: 403
  const where = listWhere(p, q);
  const order = sortedBy("routes", SORT_COLUMNS[q.sort], q.order);
  const page = keysetArgs(order, q, where);
  const [rows, total] = await Promise.all([
    prisma.agentRoute.findMany({ ...page, ...(q.offset && !q.cursor ? { skip: q.offset } : {}), select: routeViewSelect }),
    q.count ? prisma.agentRoute.count({ where }) : Promise.resolve(undefined),
  ]);
  return { ...keysetPage(order, rows, q.limit), ...(total !== undefined ? { total } : {}) };
}
