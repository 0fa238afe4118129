// Two-factor recovery codes (pure): ten per enrolment, "xxxxx-xxxxx" from an alphabet without
// look-alikes, compared without case, spaces or dashes; only their sha-256 is stored.
import { createHash, randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A fresh code such as "k7m2p-x9qrt" (50 bits of randomness). */
export function newRecoveryCode(): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** A typed code in the stored form: lower case, no spaces or dashes. */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]+/g, "");

/** Looks like a recovery code (10 letters/digits once normalised), not a 6-digit TOTP code. */
export const isRecoveryCodeShape = (code: string) => /^[a-z0-9]{10}$/.test(normaliseRecoveryCode(code));

/** The stored hash of a code (hex sha-256 of its normalised form). */
export const hashRecoveryCode = (code: string) => createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");

/** Is `code` a 6-digit TOTP code (spaces allowed, as apps display "123 456")? */
export const isTotpShape = (code: string) => /^\d{6}$/.test(code.replace(/\s+/g, ""));
