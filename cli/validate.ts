// Checks a request body against the project's shared zod schema (lib/schemas/*) before anything
// is sent; a failure is a usage error (exit 1) naming each bad field by its option.
import type { z } from "zod";
import { zodFields } from "../lib/schemas/common";
import { CliUsageError } from "./exit-codes";

/** field path → the option that sets it, e.g. { rateLimit: "--rate-limit" } */
export type FlagNames = Record<string, string>;

/** Returns `body` itself (what the user gave, typed as the schema's input) when it passes. */
export function checkBody<S extends z.ZodType>(schema: S, body: unknown, flags: FlagNames = {}): z.input<S> {
  const r = schema.safeParse(body);
  if (r.success) return body as z.input<S>;
  const fields: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(zodFields(r.error))) {
    const top = path.split(".")[0];
    const name = flags[path] ?? (flags[top] ? `${flags[top]}${path.slice(top.length)}` : path);
    (fields[name] ??= []).push(...messages);
  }
  const summary = Object.entries(fields).map(([k, v]) => `${k}: ${v.join(" ")}`).join("; ");
  throw new CliUsageError(`Invalid input — ${summary}`, fields, "VALIDATION_ERROR");
}
