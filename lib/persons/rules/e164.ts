// Phone numbers as E.164 ("+14155550123"): any international notation is accepted, a number
// without its country code is refused (the directory spans countries, so no default region).
import { parsePhoneNumberFromString } from "libphonenumber-js";

export const PHONE_HINT = "Use international format with the country code, e.g. +14155550123.";

/**
 * `v` ("+1 415-555 0123", "+55 (11) 98888-7777") as E.164, validated by libphonenumber-js
 * metadata; otherwise a message for the user saying what to type.
 */
export function toE164(v: string): { ok: true; number: string } | { ok: false; message: string } {
  const parsed = v.startsWith("+") ? parsePhoneNumberFromString(v) : undefined;
  if (parsed && parsed.isValid()) return { ok: true, number: parsed.number as string };
  return {
    ok: false,
    message: v.startsWith("+") ? `Not a valid phone number. ${PHONE_HINT}` : `Start with + and the country code. ${PHONE_HINT}`,
  };
}
