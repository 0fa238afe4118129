import fs from "node:fs";
import path from "node:path";

export const PASSWORD = process.env.E2E_PASSWORD ?? "e2e-Passw0rd!";
export const USERS = {
  admin: "admin@e2e.test",
  lead: "lead@e2e.test",
  viewer: "viewer@e2e.test",
} as const;

export const STATE_DIR = path.resolve(".tmp/e2e");
export const storageState = (role: keyof typeof USERS) => path.join(STATE_DIR, `state-${role}.json`);
const KEYS_FILE = path.join(STATE_DIR, "keys.json");

export type KeyRing = Record<string, { id: string; key: string }>;

export function saveKeys(keys: KeyRing) {
  fs.writeFileSync(KEYS_FILE, JSON.stringify(keys));
}
export function keys(): KeyRing {
  return JSON.parse(fs.readFileSync(KEYS_FILE, "utf8"));
}
export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
