// The per-subject data keys of crypto-shredding (table PersonDataKey): created on first use, one
// per person or identity per UTC day, optionally wrapped with a master key; destroyed by erasure
// and by the retention job. No process caches them, so a destroyed key is gone everywhere at once.
import "server-only";
import fs from "node:fs";
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client";

type Db = Prisma.TransactionClient | PrismaClient;

let master: Buffer | null | undefined;

/**
 * The master key from `OMNI_DATA_KEY` (32 bytes as base64 or 64 hex digits) or the file named by
 * `OMNI_DATA_KEY_FILE`; null when neither is set (data keys are then stored unwrapped). A value
 * of the wrong length throws.
 */
export function masterKey(): Buffer | null {
  if (master !== undefined) return master;
  const file = process.env.OMNI_DATA_KEY_FILE;
  const raw = (process.env.OMNI_DATA_KEY || (file ? fs.readFileSync(file, "utf8") : "")).trim();
  if (!raw) return (master = null);
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) throw new Error("OMNI_DATA_KEY must be 32 bytes, as base64 or 64 hex digits.");
  return (master = key);
}

function wrap(key: Buffer): string {
  const m = masterKey();
  if (!m) return `r1:${key.toString("base64")}`;
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", m, iv);
  const ct = Buffer.concat([c.update(key), c.final()]);
  return `w1:${iv.toString("base64")}:${ct.toString("base64")}:${c.getAuthTag().toString("base64")}`;
}

function unwrap(material: string): Buffer {
  if (material.startsWith("r1:")) return Buffer.from(material.slice(3), "base64");
  const m = masterKey();
  if (!m) throw new Error("A data key is wrapped with OMNI_DATA_KEY, which is not set.");
  const [, iv, ct, tag] = material.split(":");
  const d = createDecipheriv("aes-256-gcm", m, Buffer.from(iv, "base64"));
  d.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([d.update(Buffer.from(ct, "base64")), d.final()]);
}

/**
 * A new data key row for `subjectId` and `day` (random 32-byte key, wrapped as stored), for a write
 * that inserts it itself — a subject it creates in the same statement has no key yet. Pass the row
 * to rememberDayKeys too, so the audit event uses it.
 */
export function newDayKeyRow(subjectId: string, day: string): { id: string; subjectId: string; day: string; material: string } {
  return { id: randomUUID(), subjectId, day, material: wrap(randomBytes(32)) };
}

/** Today's UTC day, YYYY-MM-DD: the day part of a data key. */
export const utcDay = (at: Date = new Date()) => at.toISOString().slice(0, 10);

// Data-key rows a write already read with the rows it locked (rememberDayKeys), by transaction:
// dayKeys in the same transaction takes them from here instead of reading them again.
const remembered = new WeakMap<object, Map<string, { id: string; subjectId: string; material: string }>>();
const slot = (subjectId: string, day: string) => `${subjectId}\n${day}`;

/**
 * Records data-key rows that `tx` read after taking its row locks (lib/persons/person-records.ts
 * reads the keys of the persons and identities it locks, in the statement that reads their
 * identities), so that dayKeys in the same transaction does not read them again. Rows without an
 * id (no key yet) are ignored: dayKeys creates those.
 */
export function rememberDayKeys(tx: object, day: string, rows: { id: string | null; subjectId: string; material: string | null }[]): void {
  let m = remembered.get(tx);
  if (!m) remembered.set(tx, (m = new Map()));
  for (const r of rows) if (r.id && r.material) m.set(slot(r.subjectId, day), { id: r.id, subjectId: r.subjectId, material: r.material });
}

/**
 * The key of each subject for `day`, created when missing (concurrent creators agree: the first
 * insert wins, the others read it). Keys rememberDayKeys recorded for `tx` are not read again.
 * Map subjectId → { id, key (32 bytes) }.
 */
export async function dayKeys(tx: Db, subjectIds: string[], day: string): Promise<Map<string, { id: string; key: Buffer }>> {
  const read = async (ids: string[]) => tx.personDataKey.findMany({ where: { day, subjectId: { in: ids } } });
  const known = remembered.get(tx);
  const rows: { id: string; subjectId: string; material: string }[] = [];
  const unknown: string[] = [];
  for (const s of subjectIds) {
    const r = known?.get(slot(s, day));
    if (r) rows.push(r);
    else unknown.push(s);
  }
  if (unknown.length) rows.push(...(await read(unknown)));
  const missing = subjectIds.filter((s) => !rows.some((r) => r.subjectId === s));
  for (const s of missing) {
    await tx.$executeRaw`INSERT INTO "PersonDataKey" ("id", "subjectId", "day", "material") VALUES (${randomUUID()}, ${s}, ${day}, ${wrap(randomBytes(32))}) ON CONFLICT ("subjectId", "day") DO NOTHING`;
  }
  if (missing.length) rows.push(...(await read(missing)));
  return new Map(rows.map((r) => [r.subjectId, { id: r.id, key: unwrap(r.material) }]));
}

/**
 * Data-key rows already read (id, subjectId, material as stored), unwrapped: Map subjectId →
 * { id, key (32 bytes) }, the shape dayKeys returns. Rows without an id (no key yet) are skipped.
 */
export function knownDayKeys(rows: { id: string | null; subjectId: string; material: string | null }[]): Map<string, { id: string; key: Buffer }> {
  const out = new Map<string, { id: string; key: Buffer }>();
  for (const r of rows) if (r.id && r.material) out.set(r.subjectId, { id: r.id, key: unwrap(r.material) });
  return out;
}

/** The keys with these ids that still exist (destroyed ones are absent). Map keyId → key. */
export async function keysById(db: Db, ids: string[]): Promise<Map<string, Buffer>> {
  if (!ids.length) return new Map();
  const rows = await db.personDataKey.findMany({ where: { id: { in: [...new Set(ids)] } } });
  return new Map(rows.map((r) => [r.id, unwrap(r.material)]));
}

/** Destroys every key of these subjects (erasure); returns how many. */
export async function destroySubjectKeys(tx: Db, subjectIds: string[]): Promise<number> {
  if (!subjectIds.length) return 0;
  return (await tx.personDataKey.deleteMany({ where: { subjectId: { in: subjectIds } } })).count;
}

/** Destroys every key of a day before `day` (retention); returns how many. */
export async function destroyKeysBefore(tx: Db, day: string): Promise<number> {
  return (await tx.personDataKey.deleteMany({ where: { day: { lt: day } } })).count;
}
