// One personal value sealed with a data key (AES-256-GCM, Node's crypto): the stored form is a
// string token, so the audit chain hashes the ciphertext. A fresh random 96-bit IV per value; the
// key id and field name are authenticated (AAD), so a token cannot be moved to another field.
import { createCipheriv, createDecipheriv, randomFillSync } from "node:crypto";

const PREFIX = "omni:enc:v1:";
/** What a personal value whose key was destroyed (erasure, retention) reads as. */
export const ERASED = "[erased]";

/** True for a stored token (a value already sealed). */
export const isSealedValue = (v: unknown): v is string => typeof v === "string" && v.startsWith(PREFIX);

/** The key id a token was sealed with; null for anything else. */
export function sealedKeyId(v: unknown): string | null {
  if (!isSealedValue(v)) return null;
  return v.slice(PREFIX.length).split(":")[0] || null;
}

/**
 * IVs are taken from a buffer of CSPRNG bytes refilled 512 IVs at a time (as Node's randomUUID
 * caches its entropy): a call to randomBytes per value cost about as much as half the value's
 * encryption. Each IV is used once; sealValue is synchronous, so no refill happens while one is in use.
 */
const ivPool = Buffer.alloc(12 * 512);
let ivNext = ivPool.length;
function nextIv(): Buffer {
  if (ivNext >= ivPool.length) {
    randomFillSync(ivPool);
    ivNext = 0;
  }
  ivNext += 12;
  return ivPool.subarray(ivNext - 12, ivNext);
}

/** Seals the JSON of `value` with `key` (32 bytes) under `keyId`, for `field`. */
export function sealValue(keyId: string, key: Buffer, field: string, value: unknown): string {
  const iv = nextIv();
  const c = createCipheriv("aes-256-gcm", key, iv);
  c.setAAD(Buffer.from(`${keyId}|${field}`));
  const ct = Buffer.concat([c.update(JSON.stringify(value), "utf8"), c.final()]);
  return `${PREFIX}${keyId}:${iv.toString("base64url")}:${ct.toString("base64url")}:${c.getAuthTag().toString("base64url")}`;
}

/** Opens a token sealed by sealValue; throws when the key, field or bytes do not match. */
export function openValue(token: string, key: Buffer, field: string): unknown {
  const [keyId, iv, ct, tag] = token.slice(PREFIX.length).split(":");
  const d = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  d.setAAD(Buffer.from(`${keyId}|${field}`));
  d.setAuthTag(Buffer.from(tag, "base64url"));
  return JSON.parse(Buffer.concat([d.update(Buffer.from(ct, "base64url")), d.final()]).toString("utf8"));
}
