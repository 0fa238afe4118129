// Read one person: the person with their visible identities, and the routes that target them.
import "server-only";
import { prisma } from "../db";
import { requireScope, type Principal } from "../auth/principal";
import { findPerson, routeFields } from "./person-records";

type Db = Parameters<typeof findPerson>[2];

/** The person with the identities the principal may see (`persons:read`); 404 when unknown or invisible. */
export async function getPerson(p: Principal, id: string, db?: Db) {
  requireScope(p, "persons:read");
  return findPerson(p, id, db);
}

/** Routes that target a person (user scope), with their agent and instance, for the detail page. */
export async function personRoutes(p: Principal, personId: string) {
  requireScope(p, "routes:read");
  return prisma.agentRoute.findMany({
    where: { personId, scope: "user", ...(p.instanceIds === null ? {} : { instanceId: { in: p.instanceIds } }) },
    select: {
      ...routeFields,
      agent: { select: { id: true, name: true } },
      instance: { select: { id: true, name: true, channel: true } },
    },
    orderBy: [{ active: "desc" }, { priority: "desc" }, { updatedAt: "desc" }],
  });
}
