// The one way writes run their transaction: retried when it loses a race, row locks taken in one
// canonical order. There is no global lock: audited writes only wait for writes to the same rows.
import "server-only";
import { prisma, dbProvider } from "./index";
import { Prisma } from "../generated/prisma/client";
import { isLostRace, fromPrismaError } from "./prisma-errors";
import { AppError } from "../errors";
import { collectChanges, deliverCommitted } from "../events/changes";

export type Tx = Prisma.TransactionClient;

/** Attempts before a transaction that keeps losing races is answered 409 CONFLICT retryable. */
const MAX_ATTEMPTS = Number(process.env.OMNI_TX_RETRIES) || 5;

/** The wait before attempt `attempt + 1`: jittered exponential, ~10 ms, 20 ms, 40 ms, … */
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, 5 * 2 ** attempt * (0.5 + Math.random())));

/** 409 CONFLICT, retryable: what a write that kept losing races answers. */
const raceLost = () => new AppError("CONFLICT", "This change raced another one and could not be applied. Try again.", { retryable: true });

const shared = globalThis as unknown as { omniAuditedWrites?: Int32Array };
/**
 * The count of audited writes started in this process, in shared memory: one Int32Array for every
 * copy of this module in the process (the serving script's and the app bundle's, through
 * globalThis) and for the webhook worker's thread, which is handed it (webhook-delivery/thread.ts).
 */
export const auditedWritesCounter = (): Int32Array => (shared.omniAuditedWrites ??= new Int32Array(new SharedArrayBuffer(4)));

/**
 * How many audited writes this process has started, in any thread (a counter that only changes by
 * growing; it wraps at 2³¹, so compare values for inequality only): background work (the webhook
 * delivery worker) compares it across its ticks to tell whether the write path is busy, and yields
 * to it.
 */
export const auditedWritesStarted = (): number => Atomics.load(auditedWritesCounter(), 0);

/**
 * Runs `fn` in one interactive transaction (the caller's writes and their audit events commit
 * together). A serialization failure or deadlock (PostgreSQL 40001 / 40P01, Prisma P2034) rolls
 * back and runs `fn` again — up to OMNI_TX_RETRIES (default 5) attempts with jittered exponential
 * backoff (~10 ms, 20 ms, 40 ms, …) — then throws AppError 409 `CONFLICT` with
 * `details.retryable: true`. `fn` must therefore have no effects outside `tx` before it returns.
 * Any other error is rethrown unchanged. Changes the transaction announced (writeAudit's
 * `changes`, events/changes.ts announceOnCommit) reach this process's listeners after it commits.
 */
export async function auditedTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  Atomics.add(auditedWritesCounter(), 0, 1);
  for (let attempt = 1; ; attempt++) {
    try {
      let committed: Tx | undefined;
      const out = await prisma.$transaction((tx) => {
        committed = tx;
        collectChanges(tx);
        return fn(tx);
      });
      if (committed) deliverCommitted(committed);
      return out;
    } catch (e) {
      if (!isLostRace(e)) throw e;
      if (attempt >= MAX_ATTEMPTS) throw fromPrismaError(e) ?? raceLost();
      await backoff(attempt);
    }
  }
}

/** What an optimisticWrite attempt returns when the row it read changed before it could write. */
export const STALE: unique symbol = Symbol("stale");

/**
 * Runs a write that takes no lock while it reads: `attempt` reads, then writes in one statement
 * that applies only if what it read is still there (a compare-and-set, e.g. on the row's xmin),
 * and returns STALE when it was not. Attempts run again (the same bounded, jittered schedule as
 * auditedTransaction, which a lost race of the statement itself also gets); after the last one,
 * `locked` runs instead when given — the write's transactional way, which waits for the rows
 * rather than racing for them (many writers on one row: each optimistic round lets only one
 * through) — else AppError 409 `CONFLICT` with `details.retryable: true`. Counts as an audited
 * write for auditedWritesStarted.
 */
export async function optimisticWrite<T>(attempt: () => Promise<T | typeof STALE>, locked?: () => Promise<T>): Promise<T> {
  Atomics.add(auditedWritesCounter(), 0, 1);
  for (let n = 1; ; n++) {
    let out: T | typeof STALE;
    try {
      out = await attempt();
    } catch (e) {
      if (!isLostRace(e)) throw e;
      out = STALE;
    }
    if (out !== STALE) return out;
    if (n >= MAX_ATTEMPTS) {
      if (locked) return locked();
      throw raceLost();
    }
    await backoff(n);
  }
}

/** Tables whose rows writes lock, in the canonical order (a write locks earlier tables first). */
const LOCK_ORDER = { person: "Person", identity: "PlatformIdentity", route: "AgentRoute", apiKey: "ApiKey", instance: "Instance", agent: "Agent", user: "User", webhook: "WebhookEndpoint" } as const;
export type LockKind = keyof typeof LOCK_ORDER;

/**
 * Locks the given rows for the rest of the transaction (`SELECT … FOR UPDATE`, ordered by id) so
 * that what the caller reads next cannot change before it commits; returns the ids that exist.
 * Call once per operation with every kind it touches: kinds are locked person → identity → route
 * → apiKey → instance → agent → user → webhook, ids ascending, so two operations never wait on each other in a cycle. SQLite runs one
 * write transaction at a time: there it only reports which ids exist.
 */
export async function lockRows(tx: Tx, rows: Partial<Record<LockKind, string[]>>): Promise<Set<string>> {
  const found = new Set<string>();
  for (const kind of Object.keys(LOCK_ORDER) as LockKind[]) {
    const ids = [...new Set(rows[kind] ?? [])].sort();
    if (!ids.length) continue;
    const table = LOCK_ORDER[kind];
    const placeholders = ids.map((_, i) => (dbProvider === "postgresql" ? `$${i + 1}` : "?")).join(", ");
    const locked = dbProvider === "postgresql" && kind === "person"
      ? await tx.$queryRaw<{ id: string }[]>(Prisma.sql`WITH ${lockedPersonsCtes(ids)} SELECT "id" FROM v`)
      : await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "${table}" WHERE "id" IN (${placeholders}) ORDER BY "id"${dbProvider === "postgresql" ? " FOR UPDATE" : ""}`, ...ids);
    for (const r of locked) found.add(r.id);
  }
  return found;
}

/**
 * PostgreSQL: CTEs (`l`, `v`) that lock the persons `ids` (`FOR UPDATE`, ids ascending) and write a
 * new, unchanged version of each ("updatedAt" set to itself: no trigger, no index entry, a HOT
 * update); `v` holds the locked rows (every column). Every lock of a person goes through them
 * (lockRows, persons/person-records.ts lockPersonsWithIdentities). An optimistic write
 * (updatePerson, updateRoute) that read a person before such a transaction moved its identities
 * or changed it then finds the row's xmin changed, and reads again: a person's identities only
 * change with its row locked, so a write that took no lock still sees them as they are when it
 * commits.
 */
export const lockedPersonsCtes = (ids: string[]): Prisma.Sql => Prisma.sql`l AS (SELECT "id" FROM "Person" WHERE "id" IN (${Prisma.join([...new Set(ids)].sort())}) ORDER BY "id" FOR UPDATE),
  v AS (UPDATE "Person" p SET "updatedAt" = p."updatedAt" FROM l WHERE p."id" = l."id" RETURNING p.*)`;

/**
 * Locks identities together with the persons they are on, in the canonical order (persons first):
 * reads each identity's person, locks those persons and the identities, and checks that none moved
 * meanwhile (else tries again, then 409 CONFLICT retryable). Returns identity id → person id for
 * the identities that exist.
 */
export async function lockIdentitiesWithPersons(tx: Tx, identityIds: string[]): Promise<Map<string, string>> {
  const read = async () => new Map(
    (await tx.platformIdentity.findMany({ where: { id: { in: identityIds } }, select: { id: true, personId: true } })).map((r) => [r.id, r.personId]),
  );
  let owners = await read();
  for (let i = 0; i < 3; i++) {
    await lockRows(tx, { person: [...owners.values()], identity: identityIds });
    const now = await read();
    if ([...now].every(([id, pid]) => owners.get(id) === pid) && now.size === owners.size) return now;
    owners = now;
  }
  throw raceLost();
}
