// Row locks a write takes before reading what it decides on.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { dbProvider } from "./index";

/** Tables a write may lock by primary key (Prisma model names; the tables are not renamed). */
export type LockableTable = "AgentRoute" | "Person" | "ApiKey" | "Instance" | "Agent" | "User";

/**
 * Locks the rows `ids` of `table` for the rest of the transaction, in id order (the one canonical
 * order, so two writes locking overlapping sets cannot deadlock). PostgreSQL: `SELECT … FOR UPDATE`;
 * SQLite runs one write transaction at a time, so there is nothing to take. Missing ids are skipped.
 */
export async function lockRows(tx: Prisma.TransactionClient, table: LockableTable, ids: string[]): Promise<void> {
  if (dbProvider !== "postgresql" || ids.length === 0) return;
  const sorted = [...new Set(ids)].sort();
  const marks = sorted.map((_, i) => `$${i + 1}`).join(", ");
  await tx.$queryRawUnsafe(`SELECT "id" FROM "${table}" WHERE "id" IN (${marks}) ORDER BY "id" FOR UPDATE`, ...sorted);
}
