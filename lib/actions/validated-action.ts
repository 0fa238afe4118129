// Server actions go through this: session required, input parsed with the same zod schema the
// API uses, errors returned as form state (never thrown to the client).
import type { z } from "zod";
import { isAppError } from "../errors";
import { zodFields } from "../schemas/common";
import { nulCharacterFields } from "../schemas/nul-characters";
import { sessionPrincipal } from "../auth/session";
import type { Principal } from "../auth/principal";
import { fromPrismaError } from "../db/prisma-errors";
import { log } from "../log";
import { flushChangeBus } from "../events/change-bus";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: string; fields?: Record<string, string[]> };

export function validatedAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.infer<S>, principal: Principal) => Promise<T>,
) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const principal = await sessionPrincipal();
    // Forms show this with a sign-in link back to the page (components/forms/session-ended.tsx).
    if (!principal) return { ok: false, code: "UNAUTHENTICATED", error: "Your session has ended — sign in again." };
    const nul = nulCharacterFields(raw);
    if (nul) return { ok: false, code: "VALIDATION_ERROR", error: "Check the highlighted fields.", fields: nul };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, code: "VALIDATION_ERROR", error: "Check the highlighted fields.", fields: zodFields(parsed.error) };
    }
    try {
      const data = await fn(parsed.data, principal);
      await flushChangeBus(); // other app processes hear about the change before the user does
      return { ok: true, data };
    } catch (e) {
      const known = isAppError(e) ? e : fromPrismaError(e);
      if (known) {
        return { ok: false, code: known.code, error: known.message, fields: (known.details?.fields as Record<string, string[]>) ?? undefined };
      }
      log.error("server action failed", { error: e instanceof Error ? e.stack : String(e) });
      return { ok: false, code: "INTERNAL_ERROR", error: "Something went wrong on our side. Try again." };
    }
  };
}
