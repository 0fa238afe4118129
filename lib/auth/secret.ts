// The session signing secret: NEXTAUTH_SECRET, else one generated on first start and kept in
// data/auth-secret (mode 0600) so sessions survive restarts of the embedded setup.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.NEXTAUTH_SECRET?.trim() || process.env.AUTH_SECRET?.trim();
  if (fromEnv) return (cached = fromEnv);
  const file = path.resolve(/*turbopackIgnore: true*/ process.env.OMNI_DATA_DIR || "data", "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    cached = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, cached, { mode: 0o600, flag: "wx" });
    } catch {
      cached = fs.readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
  return cached;
}
