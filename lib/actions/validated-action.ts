// Server actions go through this: session required, input parsed with the same zod schema the
// API uses, errors returned as form state (never thrown to the client). An action that works on
// one record takes its id as the field `id` of its input (withId, idInput), like every other field.
import "server-only";
import { z } from "zod";
import { isAppError } from "../errors";
import { idSchema, zodFields } from "../schemas/common";
import { nulCharacterFields } from "../schemas/nul-characters";
import { sessionPrincipal } from "../auth/session";
import type { Principal } from "../auth/principal";
import { fromPrismaError } from "../db/prisma-errors";
import { log } from "../log";
import { flushChangeBus } from "../events/change-bus";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false; error: string; code: string; fields?: Record<string, string[]>;
      /** PRECONDITION_FAILED: the record as it is now (JSON) and its version, for the form to show. */
      current?: unknown; version?: string;
    };

/** An edit form's loaded version (the record's ETag, lib/api/etag.ts), sent back with the edit. */
export const versionField = { version: z.string().max(200).optional() };

/** `schema` plus the field `id` (a UUID): the input of an action on the record `id` names. */
export function withId<Shape extends z.core.$ZodShape, Config extends z.core.$ZodObjectConfig>(schema: z.ZodObject<Shape, Config>) {
  // safeExtend keeps the schema's refinements (extend refuses a refined object); the shape is generic here
  return schema.safeExtend({ id: idSchema } as never) as unknown as z.ZodObject<z.core.util.Extend<Shape, { id: typeof idSchema }>, Config>;
}

/** The input of an action that needs nothing but the record's id: `{ id }`. */
export const idInput = z.strictObject({ id: idSchema });

function failure(e: unknown): ActionResult<never> {
  const known = isAppError(e) ? e : fromPrismaError(e);
  if (known) {
    if (known.code === "PRECONDITION_FAILED") {
      return { ok: false, code: known.code, error: known.message, current: known.details?.current, version: known.details?.etag as string | undefined };
    }
    return { ok: false, code: known.code, error: known.message, fields: (known.details?.fields as Record<string, string[]>) ?? undefined };
  }
  log.error("server action failed", { error: e instanceof Error ? e.stack : String(e) });
  return { ok: false, code: "INTERNAL_ERROR", error: "Something went wrong on our side. Try again." };
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): { ok: true; data: z.infer<S> } | ActionResult<never> {
  const nul = nulCharacterFields(raw);
  if (nul) return { ok: false, code: "VALIDATION_ERROR", error: "Check the highlighted fields.", fields: nul };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, code: "VALIDATION_ERROR", error: "Check the highlighted fields.", fields: zodFields(parsed.error) };
  }
  return { ok: true, data: parsed.data };
}

/**
 * An action that needs no session (e.g. choosing a password from a setup link, where the link's
 * token is the proof): input parsed with the shared schema, errors returned as form state.
 */
export function publicAction<S extends z.ZodType, T>(schema: S, fn: (input: z.infer<S>) => Promise<T>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const parsed = parse(schema, raw);
    if (!parsed.ok) return parsed;
    try {
      const data = await fn(parsed.data);
      await flushChangeBus();
      return { ok: true, data };
    } catch (e) {
      return failure(e);
    }
  };
}

/**
 * Wraps a server action: requires a session, refuses NUL characters, parses `raw` with `schema`,
 * calls `fn` and flushes the change bus. Returns `{ ok: true, data }` or `{ ok: false, code,
 * error, fields? }` (VALIDATION_ERROR with per-field messages, the service's own error codes,
 * INTERNAL_ERROR for anything unexpected); never throws.
 * The session is read fresh (an ended session, a disabled user: UNAUTHENTICATED).
 */
export function validatedAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.infer<S>, principal: Principal) => Promise<T>,
) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const principal = await sessionPrincipal();
    // Forms show this with a sign-in link back to the page (components/forms/session-ended.tsx).
    if (!principal) return { ok: false, code: "UNAUTHENTICATED", error: "Your session has ended — sign in again." };
    const parsed = parse(schema, raw);
    if (!parsed.ok) return parsed;
    try {
      const data = await fn(parsed.data, principal);
      await flushChangeBus(); // other app processes hear about the change before the user does
      return { ok: true, data };
    } catch (e) {
      return failure(e);
    }
  };
}
