// Create a person, with identities on instances (how the hub adds contacts), audited person.create.
import "server-only";
import { auditedTransaction } from "../db/audited-transaction";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { conflict, forbidden, notFound } from "../errors";
import { requireInstance, requireScope, type Principal } from "../auth/principal";
import type { PersonCreate } from "./schemas";
import { writeAudit } from "../audit/write-audit";
import { findPerson, personSnapshot } from "./person-records";

const toJson = (v: unknown) => (v === null || v === undefined ? undefined : (v as Prisma.InputJsonValue));

/**
 * Creates a person (`persons:write`). A restricted key must give an identity on its instances
 * (403); an identity already on a person is a 409; an unknown instance a 404.
 */
export async function createPerson(p: Principal, input: PersonCreate) {
  requireScope(p, "persons:write");
  const identities = input.identities ?? [];
  if (p.instanceIds !== null && !identities.length) {
    throw forbidden("An instance-restricted API key can only create persons with an identity on its instances.");
  }
  const keys = new Set<string>();
  for (const i of identities) {
    requireInstance(p, i.instanceId);
    const k = `${i.instanceId}\u0000${i.platformUserId}`;
    if (keys.has(k)) throw conflict("The same identity is listed twice.", { platformUserId: i.platformUserId });
    keys.add(k);
  }
  const instances = await prisma.instance.findMany({ where: { id: { in: identities.map((i) => i.instanceId) } }, select: { id: true, channel: true } });
  const channelOf = new Map(instances.map((i) => [i.id, i.channel]));
  for (const i of identities) if (!channelOf.has(i.instanceId)) throw notFound("Instance");
  const row = await auditedTransaction(async (tx) => {
    for (const i of identities) {
      const dup = await tx.platformIdentity.findFirst({
        where: { instanceId: i.instanceId, platformUserId: i.platformUserId },
        select: { id: true, personId: true },
      });
      if (dup) throw conflict("This identity already belongs to a person.", { identityId: dup.id, personId: dup.personId });
    }
    const person = await tx.person.create({
      data: {
        displayName: input.displayName ?? null,
        primaryPhone: input.primaryPhone ?? null,
        primaryEmail: input.primaryEmail ?? null,
        avatarUrl: input.avatarUrl ?? null,
        metadata: toJson(input.metadata),
        identities: {
          create: identities.map((i) => ({
            instanceId: i.instanceId,
            channel: channelOf.get(i.instanceId)!,
            platformUserId: i.platformUserId,
            platformUsername: i.platformUsername ?? null,
          })),
        },
      },
      select: { id: true },
    });
    const after = await personSnapshot(tx, person.id);
    await writeAudit(tx, p, { action: "person.create", targetType: "person", targetId: person.id, after, changes: [{ kind: "person", id: person.id }] });
    return person;
  });
  return findPerson(p, row.id);
}

