// API key format (pure): `omni_sk_` + 43 URL-safe random characters (32 bytes). Stored: the
// SHA-256 of the key and its display prefix (`omni_sk_` + next 8), never the key itself.
import { createHash, randomBytes } from "node:crypto";

export const KEY_PREFIX = "omni_sk_";
const KEY_PATTERN = /^omni_sk_[A-Za-z0-9_-]{32,200}$/;

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString("base64url");
}

export function looksLikeApiKey(raw: string): boolean {
  return KEY_PATTERN.test(raw);
}

export function keyDisplayPrefix(raw: string): string {
  return raw.slice(0, KEY_PREFIX.length + 8);
}

export function hashApiKey(raw: string): string {
  return createHash("sha256").update(raw, "utf8").digest("hex");
}
