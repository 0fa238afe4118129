// Agents: the AI agents that routes point messages at.
import "server-only";
import { auditedTransaction, lockRows } from "../db/audited-transaction";
import { prisma } from "../db";
import { conflict, notFound } from "../errors";
import { requireScope, type Principal } from "../auth/principal";
import { requireUnrestricted } from "../auth/instance-policy";
import type { AgentCreate, AgentUpdate } from "./schemas";
import type { ListQuery } from "../schemas/common";
import { changedFields } from "../audit/rules/changed-fields";
import { writeAudit } from "../audit/write-audit";
import { assertIfMatch, type IfMatch } from "../api/etag";
import { keysetArgs, keysetPage, newestFirst } from "../db/keyset";

import { emitChange } from "../events/changes";

const ORDER = newestFirst("agents");

const view = { id: true, name: true, provider: true, model: true, description: true, createdAt: true, updatedAt: true } as const;

/** A page of agents, newest first (`agents:read`). Bad cursor: 400. */
export async function listAgents(p: Principal, q: ListQuery) {
  requireScope(p, "agents:read");
  const rows = await prisma.agent.findMany({ select: view, ...keysetArgs(ORDER, q) });
  return keysetPage(ORDER, rows, q.limit);
}

export async function allAgents(p: Principal) {
  requireScope(p, "agents:read");
  return prisma.agent.findMany({ select: view, orderBy: { name: "asc" } });
}

export async function getAgent(p: Principal, id: string) {
  requireScope(p, "agents:read");
  const row = await prisma.agent.findUnique({ where: { id }, select: view });
  if (!row) throw notFound("Agent");
  return row;
}

/** Creates an agent (`agents:write`; a global record: 403 for an instance-restricted key). */
export async function createAgent(p: Principal, input: AgentCreate) {
  requireScope(p, "agents:write");
  requireUnrestricted(p, "create agents");
  return auditedTransaction(async (tx) => {
    const row = await tx.agent.create({
      data: { name: input.name, provider: input.provider, model: input.model ?? null, description: input.description ?? null },
      select: view,
    });
    await writeAudit(tx, p, { action: "agent.create", targetType: "agent", targetId: row.id, after: row });
    return row;
  });
}

/**
 * Updates an agent (`agents:write`; a global record: 403 for an instance-restricted key); 404 when
 * unknown. The agent is locked and read inside the transaction, where `ifMatch` (a parsed
 * If-Match) is checked (412 when stale). A patch that changes nothing writes nothing.
 */
export async function updateAgent(p: Principal, id: string, input: AgentUpdate, ifMatch?: IfMatch) {
  requireScope(p, "agents:write");
  requireUnrestricted(p, "change agents");
  const { row, wrote } = await auditedTransaction(async (tx) => {
    await lockRows(tx, { agent: [id] });
    const before = await tx.agent.findUnique({ where: { id }, select: view });
    if (!before) throw notFound("Agent");
    assertIfMatch(ifMatch, before);
    const changed = changedFields(before, input);
    if (!changed.length) return { row: before, wrote: false }; // a PATCH that changes nothing writes nothing (contract)
    const after = await tx.agent.update({ where: { id }, data: Object.fromEntries(changed.map((k) => [k, input[k as keyof AgentUpdate]])), select: view });
    await writeAudit(tx, p, { action: "agent.update", targetType: "agent", targetId: id, before, after });
    return { row: after, wrote: true };
  });
  if (wrote) emitChange({ kind: "agent", id });
  return row;
}

/**
 * Deletes an agent (`agents:write`; a global record: 403 for an instance-restricted key); 404 when
 * unknown; 412 when `ifMatch` is stale; 409 CONFLICT while a route or an instance default uses it
 * (`details: { routes, instances }`: how many). Audited `agent.delete`.
 */
export async function deleteAgent(p: Principal, id: string, ifMatch?: IfMatch) {
  requireScope(p, "agents:write");
  requireUnrestricted(p, "delete agents");
  await auditedTransaction(async (tx) => {
    await lockRows(tx, { agent: [id] });
    const before = await tx.agent.findUnique({ where: { id }, select: view });
    if (!before) throw notFound("Agent");
    assertIfMatch(ifMatch, before);
    // one after the other: a transaction is one connection, which runs one statement at a time
    const routes = await tx.agentRoute.count({ where: { agentId: id } });
    const instances = await tx.instance.count({ where: { defaultAgentId: id } });
    if (routes || instances) {
      const uses = [routes ? `${routes} route${routes === 1 ? "" : "s"}` : "", instances ? `${instances} instance default${instances === 1 ? "" : "s"}` : ""].filter(Boolean).join(" and ");
      throw conflict(`This agent is still used by ${uses}: point them at another agent first.`, { routes, instances });
    }
    await tx.agent.delete({ where: { id } });
    await writeAudit(tx, p, { action: "agent.delete", targetType: "agent", targetId: id, before });
  });
  emitChange({ kind: "agent", id });
  return { id, deleted: true as const };
}
