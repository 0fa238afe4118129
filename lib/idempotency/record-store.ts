// Storage of Idempotency-Key claims (table IdempotencyRecord), one row per (principal, key).
// The protocol — fingerprints, sealing of stored bodies, replay and conflict rules — is
// lib/api/idempotency.ts; this module only reads and writes the rows.
import "server-only";
import { prisma } from "../db";

/** Row access for lib/api/idempotency.ts. `principalId` is `type:id` of the caller. */
export const idempotencyRecords = {
  /** The claim of `key` by this principal, or null. */
  find: (principalId: string, key: string) =>
    prisma.idempotencyRecord.findUnique({ where: { principalId_key: { principalId, key } } }),
  /** Claims `key`; throws Prisma's P2002 when another request claimed it first. */
  create: (principalId: string, key: string, requestHash: string, status: number) =>
    prisma.idempotencyRecord.create({ data: { principalId, key, requestHash, status, body: "" } }),
  /** Stores the response (`status`, sealed `body`) of a finished claim. */
  complete: (principalId: string, key: string, status: number, body: string) =>
    prisma.idempotencyRecord.update({ where: { principalId_key: { principalId, key } }, data: { status, body } }),
  /** Drops the claim, only if it still has the given creation time / status when those are given. */
  delete: (principalId: string, key: string, only: { createdAt?: Date; status?: number } = {}) =>
    prisma.idempotencyRecord.deleteMany({ where: { principalId, key, ...only } }),
  /** Drops every claim created before `cutoff` (expired). */
  deleteOlderThan: (cutoff: Date) => prisma.idempotencyRecord.deleteMany({ where: { createdAt: { lt: cutoff } } }),
};
