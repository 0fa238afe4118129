// Storage of Idempotency-Key claims (table IdempotencyRecord), one row per (principal, key).
// The protocol — fingerprints, sealing of stored bodies, replay and conflict rules, leases — is
// lib/api/idempotency.ts; this module only reads and writes the rows. A claim in progress
// (status 0) keeps its lease in `body`: `lease:<token>:<expiry, epoch ms>`; writes by the claim's
// holder are conditional on its token, so a holder whose lease was taken over changes nothing.
import "server-only";
import { prisma } from "../db";

const leaseOf = (token: string) => ({ startsWith: `lease:${token}:` });

/** Row access for lib/api/idempotency.ts. `principalId` is `type:id` of the caller. */
export const idempotencyRecords = {
  /** The claim of `key` by this principal, or null. */
  find: (principalId: string, key: string) =>
    prisma.idempotencyRecord.findUnique({ where: { principalId_key: { principalId, key } } }),
  /** Claims `key` (status 0, `body` its lease); throws Prisma's P2002 when another request claimed it first. */
  create: (principalId: string, key: string, requestHash: string, status: number, body: string) =>
    prisma.idempotencyRecord.create({ data: { principalId, key, requestHash, status, body } }),
  /** Extends the lease of the claim held with `token` (0 rows when it was taken over). */
  renew: (principalId: string, key: string, token: string, body: string) =>
    prisma.idempotencyRecord.updateMany({ where: { principalId, key, status: 0, body: leaseOf(token) }, data: { body } }),
  /** Stores the response (`status`, sealed `body`) of the claim held with `token`. */
  complete: (principalId: string, key: string, token: string, status: number, body: string) =>
    prisma.idempotencyRecord.updateMany({ where: { principalId, key, status: 0, body: leaseOf(token) }, data: { status, body } }),
  /** Drops the claim held with `token`. */
  release: (principalId: string, key: string, token: string) =>
    prisma.idempotencyRecord.deleteMany({ where: { principalId, key, status: 0, body: leaseOf(token) } }),
  /** Drops the claim, only if it still has exactly the given creation time / status / body (what was read). */
  delete: (principalId: string, key: string, only: { createdAt?: Date; status?: number; body?: string } = {}) =>
    prisma.idempotencyRecord.deleteMany({ where: { principalId, key, ...only } }),
  /** Drops every claim created before `cutoff` (expired). */
  deleteOlderThan: (cutoff: Date) => prisma.idempotencyRecord.deleteMany({ where: { createdAt: { lt: cutoff } } }),
};
