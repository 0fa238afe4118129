// Instances: one messaging account on one channel (e.g. the support WhatsApp number).
import "server-only";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { prisma } from "../db";
import { conflict, notFound } from "../errors";
import { canSeeInstance, requireInstance, requireScope, type Principal } from "../auth/principal";
import { requireUnrestricted } from "../auth/instance-policy";
import type { InstanceCreate, InstanceUpdate } from "./schemas";
import type { ListQuery } from "../schemas/common";
import { changedFields } from "../audit/rules/changed-fields";
import { writeAudit, type Tx } from "../audit/write-audit";
import { assertIfMatch, type IfMatch } from "../api/etag";
import { keysetArgs, keysetPage, newestFirst } from "../db/keyset";

const ORDER = newestFirst("instances");
import { notifyInstanceChanged } from "../events/changes";

const view = {
  id: true, name: true, channel: true, defaultAgentId: true, createdAt: true, updatedAt: true,
  defaultAgent: { select: { id: true, name: true } },
} as const;

/** A page of instances, newest first (`instances:read`); only the principal's own. Bad cursor: 400. */
export async function listInstances(p: Principal, q: ListQuery) {
  requireScope(p, "instances:read");
  const where = p.instanceIds === null ? {} : { id: { in: p.instanceIds } };
  const rows = await prisma.instance.findMany({ select: view, ...keysetArgs(ORDER, q, where) });
  return keysetPage(ORDER, rows, q.limit);
}

/** Every visible instance, for pickers (small table). */
export async function allInstances(p: Principal) {
  requireScope(p, "instances:read");
  return prisma.instance.findMany({ where: p.instanceIds === null ? {} : { id: { in: p.instanceIds } }, select: view, orderBy: { name: "asc" } });
}

/** The instance if the principal's restriction includes it; 404 otherwise. Internal: no scope check. */
async function findVisibleInstance(p: Principal, id: string, db: Tx | typeof prisma = prisma) {
  if (!canSeeInstance(p, id)) throw notFound("Instance");
  const row = await db.instance.findUnique({ where: { id }, select: view });
  if (!row) throw notFound("Instance");
  return row;
}

/** One instance (`instances:read`); 404 when unknown or outside the principal's instances. */
export async function getInstance(p: Principal, id: string) {
  requireScope(p, "instances:read");
  return findVisibleInstance(p, id);
}

async function assertAgentExists(agentId: string | null | undefined) {
  if (!agentId) return;
  if (!(await prisma.agent.findUnique({ where: { id: agentId }, select: { id: true } }))) {
    throw notFound("Agent");
  }
}

async function assertNameFree(name: string, exceptId?: string) {
  const other = await prisma.instance.findUnique({ where: { name }, select: { id: true } });
  if (other && other.id !== exceptId) throw conflict(`An instance named "${name}" already exists.`);
}

export async function createInstance(p: Principal, input: InstanceCreate) {
  requireScope(p, "instances:write");
  requireUnrestricted(p, "create instances");
  await assertNameFree(input.name);
  await assertAgentExists(input.defaultAgentId);
  return auditedTransaction(async (tx) => {
    const row = await tx.instance.create({
      data: { name: input.name, channel: input.channel, defaultAgentId: input.defaultAgentId ?? null },
      select: view,
    });
    await writeAudit(tx, p, { action: "instance.create", targetType: "instance", targetId: row.id, after: row });
    return row;
  });
}

/**
 * Updates an instance (`instances:write`); 404 when unknown or invisible, 409 on a taken name. The
 * instance is locked and read inside the transaction, where `ifMatch` (a parsed If-Match) is
 * checked (412 when stale). A patch that changes nothing writes nothing.
 */
export async function updateInstance(p: Principal, id: string, input: InstanceUpdate, ifMatch?: IfMatch) {
  requireScope(p, "instances:write");
  if (!canSeeInstance(p, id)) throw notFound("Instance"); // invisible: as unknown
  requireInstance(p, id);
  if (input.name !== undefined) await assertNameFree(input.name, id);
  await assertAgentExists(input.defaultAgentId);
  const { row, wrote } = await auditedTransaction(async (tx) => {
    await lockRows(tx, { instance: [id] });
    const before = await findVisibleInstance(p, id, tx);
    assertIfMatch(ifMatch, before);
    const changed = changedFields(before, input);
    if (!changed.length) return { row: before, wrote: false }; // a PATCH that changes nothing writes nothing (contract)
    const after = await tx.instance.update({ where: { id }, data: Object.fromEntries(changed.map((k) => [k, input[k as keyof InstanceUpdate]])), select: view });
    await writeAudit(tx, p, { action: "instance.update", targetType: "instance", targetId: id, before, after });
    return { row: after, wrote: true };
  });
  if (wrote) notifyInstanceChanged(id);
  return row;
}

/** Deletes an instance (`instances:write`); 404 when unknown or invisible; 412 when `ifMatch` is stale. */
export async function deleteInstance(p: Principal, id: string, ifMatch?: IfMatch) {
  requireScope(p, "instances:write");
  await auditedTransaction(async (tx) => {
    await lockRows(tx, { instance: [id] });
    const before = await findVisibleInstance(p, id, tx);
    assertIfMatch(ifMatch, before);
    await tx.instance.delete({ where: { id } });
    await writeAudit(tx, p, { action: "instance.delete", targetType: "instance", targetId: id, before });
  });
  notifyInstanceChanged(id);
  return { id, deleted: true as const };
}
