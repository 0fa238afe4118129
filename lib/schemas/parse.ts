import type { z } from "zod";
import { validationError } from "../errors";
import { zodFields } from "./common";

/** Parses with a shared schema; failure is a VALIDATION_ERROR naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "Invalid input."): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(what, zodFields(r.error));
  return r.data;
}

/** URLSearchParams → plain object (repeated keys keep the last value). */
export function searchParamsObject(sp: URLSearchParams): Record<string, string> {
  return Object.fromEntries(sp.entries());
}
