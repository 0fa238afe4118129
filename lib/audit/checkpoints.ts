// Signed checkpoints of the audit chain's head, kept outside the database (in the manner of
// Certificate Transparency's signed tree heads): a later verification that finds the chain shorter
// than a checkpoint, or a different hash at its position, knows events were removed or rewritten.
//   OMNI_AUDIT_CHECKPOINT_KEY (or _KEY_FILE: the key in a file) — HMAC-SHA256 key; never stored in
//     the database. Without one, checkpoints are written unsigned (sig null).
//   OMNI_AUDIT_CHECKPOINT_FILE — NDJSON file the checkpoints are appended to (default
//     audit-checkpoints.ndjson in OMNI_DATA_DIR, i.e. data/; "off" writes none).
//   OMNI_AUDIT_CHECKPOINT_URL — each checkpoint is also POSTed there as JSON (e.g. to another host).
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createHmac, timingSafeEqual } from "node:crypto";

/** One checkpoint: the chain's head at `at`, and the HMAC-SHA256 (hex) over the three, or null unsigned. */
export type Checkpoint = { chainSeq: number; hash: string; at: string; sig: string | null };

/** The checkpoint key from OMNI_AUDIT_CHECKPOINT_KEY or the file named by OMNI_AUDIT_CHECKPOINT_KEY_FILE; null when neither. */
export function checkpointKey(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.OMNI_AUDIT_CHECKPOINT_KEY) return env.OMNI_AUDIT_CHECKPOINT_KEY;
  if (env.OMNI_AUDIT_CHECKPOINT_KEY_FILE) return fs.readFileSync(env.OMNI_AUDIT_CHECKPOINT_KEY_FILE, "utf8").trim() || null;
  return null;
}

/** The checkpoint file's path, or null when OMNI_AUDIT_CHECKPOINT_FILE is "off". */
export function checkpointFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const f = env.OMNI_AUDIT_CHECKPOINT_FILE ?? path.join(env.OMNI_DATA_DIR || "data", "audit-checkpoints.ndjson");
  return f === "off" || f === "" ? null : path.resolve(/*turbopackIgnore: true*/ f);
}

const signed = (c: Omit<Checkpoint, "sig">) => `omni-audit-checkpoint\n${c.chainSeq}\n${c.hash}\n${c.at}`;

/** HMAC-SHA256 (hex) of a checkpoint's head with `key`. */
export function signCheckpoint(c: Omit<Checkpoint, "sig">, key: string): string {
  return createHmac("sha256", key).update(signed(c)).digest("hex");
}

/** True when the checkpoint's signature is the one `key` gives. */
export function checkpointSignatureValid(c: Checkpoint, key: string): boolean {
  if (!c.sig) return false;
  const want = Buffer.from(signCheckpoint(c, key), "hex");
  const got = Buffer.from(c.sig, "hex");
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Signs (when a key is configured) and appends the head to the checkpoint file and/or POSTs it to the URL; returns it. */
export async function writeCheckpoint(head: { chainSeq: number; hash: string }, env: NodeJS.ProcessEnv = process.env): Promise<Checkpoint> {
  const at = new Date().toISOString();
  const key = checkpointKey(env);
  const c: Checkpoint = { chainSeq: head.chainSeq, hash: head.hash, at, sig: key ? signCheckpoint({ ...head, at }, key) : null };
  const file = checkpointFile(env);
  if (file) {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.appendFile(file, `${JSON.stringify(c)}\n`);
  }
  if (env.OMNI_AUDIT_CHECKPOINT_URL) {
    const res = await fetch(env.OMNI_AUDIT_CHECKPOINT_URL, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(c), signal: AbortSignal.timeout(5000), redirect: "error",
    });
    if (!res.ok) throw new Error(`checkpoint URL answered ${res.status}`);
  }
  return c;
}

/** The checkpoints in the file (oldest first; unreadable lines skipped); [] when there is none. */
export function readCheckpoints(env: NodeJS.ProcessEnv = process.env): Checkpoint[] {
  const file = checkpointFile(env);
  if (!file || !fs.existsSync(file)) return [];
  const out: Checkpoint[] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      const c = JSON.parse(line) as Checkpoint;
      if (Number.isInteger(c.chainSeq) && typeof c.hash === "string") out.push(c);
    } catch { /* a torn last line after a crash */ }
  }
  return out;
}
