// A person route on an instance where the person has no identity can never be used: messages
// on that instance never come from that person. The route tester flags it and the route form
// warns when such a route is saved.
import "server-only";
import { prisma } from "../db";
import type { ResolutionWarning } from "./rules/resolution";

/**
 * The warning for a person route (`personId`) on `instanceId` when the person has no identity
 * there, else null. `routeIds` the routes concerned (may be empty, e.g. before saving).
 */
export async function missingIdentityWarning(instanceId: string, personId: string | null | undefined, routeIds: string[] = []): Promise<ResolutionWarning | null> {
  if (!personId) return null;
  const [identities, instance] = await Promise.all([
    prisma.platformIdentity.count({ where: { personId, instanceId } }),
    prisma.instance.findUnique({ where: { id: instanceId }, select: { name: true } }),
  ]);
  if (identities > 0) return null;
  return noIdentityWarning(instance?.name ?? "this instance", routeIds);
}

/** The `noIdentity` warning itself (no database read): `instanceName` is named in the message. */
export function noIdentityWarning(instanceName: string, routeIds: string[]): ResolutionWarning {
  return {
    kind: "noIdentity",
    routeIds,
    message: `This person has no identity on ${instanceName}, so no message there comes from them and a person route for them never applies. Link an identity on this instance to the person, or route their chat instead.`,
  };
}
