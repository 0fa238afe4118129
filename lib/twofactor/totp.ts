// TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, as authenticator apps expect) through otplib.
import "server-only";
import { generate, generateSecret, generateURI, verify } from "otplib";

/** Seconds per step. */
export const TOTP_PERIOD = 30;

/** A new base32 secret (20 random bytes). */
export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// URI an authenticator app scans: issuer "Omni Admin", label the user's email. */
export const totpUri = (secret: string, email: string): string => generateURI({ issuer: "Omni Admin", label: email, secret });

/** The current code for `secret` (tests). */
export const currentTotp = (secret: string, epochSeconds?: number): Promise<string> =>
  generate({ secret, ...(epochSeconds !== undefined ? { epoch: epochSeconds } : {}) });

/**
 * The time step `code` is valid for (one step of clock drift either way), or null. A step at or
 * before `afterStep` is refused: each code is accepted once.
 */
export async function verifyTotp(secret: string, code: string, afterStep?: number | null): Promise<number | null> {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const r = await verify({ secret, token, epochTolerance: TOTP_PERIOD, ...(afterStep != null ? { afterTimeStep: afterStep } : {}) });
    return r.valid ? (r as { timeStep: number }).timeStep : null;
  } catch {
    return null;
  }
}
