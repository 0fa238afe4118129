// Idempotency-Key on POST (../shared/API.md): a repeat with the same key and the same request
// within 24 h gets the first response back and changes nothing; the same key with a different
// request is a 409. Keys are scoped per principal. A placeholder row is claimed before the
// handler runs, so two concurrent repeats cannot both do the work. The claim is a lease
// (OMNI_IDEMPOTENCY_LEASE_MS, default 30 s) renewed while the request runs: a repeat meanwhile is
// 409, but after a crash the lease runs out and a repeat takes the claim over and runs.
//
// Stored response bodies are encrypted (AES-256-GCM, key derived from the server secret): the
// first response of POST /keys holds a raw API key, and raw keys must never sit in the database.
import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from "node:crypto";
import { AppError, conflict, validationError } from "../errors";
import { authSecret } from "../auth/secret";
import { canonicalJson } from "../audit/rules/canonical-json";
import type { Principal } from "../auth/principal";
import { idempotencyRecords as records } from "../idempotency/record-store";

export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
const IN_PROGRESS = 0;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** How long a claim in progress holds without renewal (renewed every third of it while running). */
export const IDEMPOTENCY_LEASE_MS = Number(process.env.OMNI_IDEMPOTENCY_LEASE_MS) || 30_000;

const leaseBody = (token: string, until: number) => `lease:${token}:${until}`;
/** When an in-progress claim's lease ends (a claim stored before leases existed: creation + lease). */
function leaseEnd(row: { body: string; createdAt: Date }): number {
  const m = /^lease:[^:]+:(\d+)$/.exec(row.body);
  return m ? Number(m[1]) : row.createdAt.getTime() + IDEMPOTENCY_LEASE_MS;
}

let aesKey: Buffer | undefined;
function cipherKey(): Buffer {
  return (aesKey ??= Buffer.from(hkdfSync("sha256", authSecret(), "omni-admin", "idempotency-response-v1", 32)));
}

function seal(text: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", cipherKey(), iv);
  const enc = Buffer.concat([c.update(text, "utf8"), c.final()]);
  return `v1.${iv.toString("base64url")}.${c.getAuthTag().toString("base64url")}.${enc.toString("base64url")}`;
}

function open(sealed: string): string {
  const [v, iv, tag, enc] = sealed.split(".");
  if (v !== "v1") throw new Error("unknown idempotency record format");
  const d = createDecipheriv("aes-256-gcm", cipherKey(), Buffer.from(iv, "base64url"));
  d.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([d.update(Buffer.from(enc, "base64url")), d.final()]).toString("utf8");
}

/** The same request = same method, path, query and JSON body (key order and spacing ignored). */
export function requestFingerprint(method: string, pathAndQuery: string, bodyText: string): string {
  let body = bodyText.trim();
  try {
    body = body ? canonicalJson(JSON.parse(body)) : "";
  } catch {
    // not JSON: compared byte for byte (the handler answers 400 anyway)
  }
  return createHash("sha256").update(`${method} ${pathAndQuery}\n${body}`).digest("hex");
}

export const principalKey = (p: Principal) => `${p.type}:${p.id}`;

export type Claim =
  | { kind: "replay"; status: number; body: string }
  | { kind: "fresh"; finish: (res: Response) => Promise<Response> };

let lastSweep = 0;
async function sweep(now: number) {
  if (now - lastSweep < 3600_000) return;
  lastSweep = now;
  await records.deleteOlderThan(new Date(now - IDEMPOTENCY_TTL_MS));
}

export async function claimIdempotencyKey(p: Principal, key: string, fingerprint: string): Promise<Claim> {
  if (!KEY_PATTERN.test(key)) {
    throw validationError("Invalid Idempotency-Key header.", { "Idempotency-Key": ["1 to 255 visible ASCII characters."] });
  }
  const principalId = principalKey(p);
  const now = Date.now();
  await sweep(now).catch(() => {});
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await records.find(principalId, key);
    if (existing && existing.createdAt.getTime() < now - IDEMPOTENCY_TTL_MS) {
      await records.delete(principalId, key, { createdAt: existing.createdAt });
    } else if (existing) {
      if (existing.requestHash !== fingerprint) {
        throw conflict("This Idempotency-Key was already used with a different request. Use a new key for a new request.", {
          idempotencyKey: key,
        });
      }
      if (existing.status === IN_PROGRESS) {
        if (leaseEnd(existing) > Date.now()) {
          throw conflict("A request with this Idempotency-Key is still being processed. Retry shortly.", { idempotencyKey: key, retryable: true });
        }
        // its holder stopped renewing (crashed): take the claim over, unless a twin was quicker
        await records.delete(principalId, key, { status: IN_PROGRESS, body: existing.body });
        continue;
      }
      return { kind: "replay", status: existing.status, body: open(existing.body) };
    }
    const token = randomUUID();
    try {
      await records.create(principalId, key, fingerprint, IN_PROGRESS, leaseBody(token, Date.now() + IDEMPOTENCY_LEASE_MS));
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") continue; // a concurrent twin claimed it first
      throw e;
    }
    const renewal = setInterval(() => {
      records.renew(principalId, key, token, leaseBody(token, Date.now() + IDEMPOTENCY_LEASE_MS)).catch(() => {});
    }, Math.max(1000, Math.floor(IDEMPOTENCY_LEASE_MS / 3)));
    renewal.unref();
    return {
      kind: "fresh",
      finish: async (res) => {
        clearInterval(renewal);
        if (res.status >= 500) {
          // nothing was done (or we cannot know): let a retry run again
          await records.release(principalId, key, token);
          return res;
        }
        const text = await res.clone().text();
        await records.complete(principalId, key, token, res.status, seal(text));
        return res;
      },
    };
  }
  throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being processed. Retry shortly.");
}
