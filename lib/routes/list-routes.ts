// List routes: filtered, sorted, paginated on the server.
import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { validationError } from "../errors";
import { instanceFilter, requireScope, type Principal } from "../auth/principal";
import { requireInstance } from "../auth/instance-policy";
import type { RouteListQuery } from "./schemas";
import type { Page } from "../db/pagination";
import { textMatch } from "../db/text-match";
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
    ...(text ? { label: textMatch("contains", text) } : {}),
  };
}

export type RoutePage = Page<RouteView> & { total?: number };

const KEYSET_SORTS = new Set(["updatedAt", "createdAt", "priority", "scope"]);

/**
 * "After the cursor row" as a range the sort column's index can serve: sort <= v, and among
 * equal values id < cursor (descending; mirrored ascending). Prisma's own `cursor` builds an OR
 * of subqueries that SQLite answers with a full scan on 100,000 routes. Nullable / boolean sort
 * columns (label, active) keep Prisma's cursor.
 */
async function keysetAfter(cursor: string, sort: RouteListQuery["sort"], order: "asc" | "desc"): Promise<Prisma.AgentRouteWhereInput | null> {
  if (!KEYSET_SORTS.has(sort)) return null;
  const row = (await prisma.agentRoute.findUnique({ where: { id: cursor }, select: { id: true, [sort]: true } })) as Record<string, unknown> | null;
  if (!row) throw validationError("Invalid query.", { cursor: ["No route with this id: start again without a cursor."] });
  const v = row[sort];
  const [strict, loose] = order === "desc" ? (["lt", "lte"] as const) : (["gt", "gte"] as const);
  return {
    AND: [
      { [sort]: { [loose]: v } },
      { OR: [{ [sort]: { [strict]: v } }, { id: { [strict]: cursor } }] },
    ],
  };
}

/**
 * Server-side filtered, sorted, paginated list. Keyset paging with `cursor` (the last id of the
 * previous page, same sort), or `offset` for page-numbered views; `count` adds the total. Only the
 * principal's instances; 403 `FORBIDDEN` for an `instance` filter outside them.
 */
export async function listRoutes(p: Principal, q: RouteListQuery): Promise<RoutePage> {
  requireScope(p, "routes:read");
  requireInstance(p, q.instance); // filtering on an instance outside the restriction: 403
  const where = listWhere(p, q);
  const orderBy: Prisma.AgentRouteOrderByWithRelationInput[] = [{ [q.sort]: q.order }, { id: q.order }];
  let paging: Pick<Prisma.AgentRouteFindManyArgs, "cursor" | "skip"> = q.offset && !q.cursor ? { skip: q.offset } : {};
  let pageWhere = where;
  if (q.cursor) {
    const keyset = await keysetAfter(q.cursor, q.sort, q.order);
    if (keyset) pageWhere = { AND: [where, keyset] };
    else paging = { cursor: { id: q.cursor }, skip: 1 };
  }
  const [rows, total] = await Promise.all([
    prisma.agentRoute.findMany({ where: pageWhere, orderBy, take: q.limit + 1, ...paging, select: routeViewSelect }),
    q.count ? prisma.agentRoute.count({ where }) : Promise.resolve(undefined),
  ]);
  const more = rows.length > q.limit;
  const items = more ? rows.slice(0, q.limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1].id : null, ...(total !== undefined ? { total } : {}) };
}

