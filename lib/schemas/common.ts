import { z } from "zod";
import "./messages"; // the plain-language validation messages, wherever a schema is used

export const idSchema = z.uuid({ message: "Must be a UUID." });

export const limitSchema = z.coerce.number().int().min(1).max(200).default(20);

/** An opaque keyset cursor from a list's `nextCursor` (lib/db/keyset.ts decodes it). */
export const cursorSchema = z
  .string()
  .max(1000, "Not a cursor from this list. Start again without a cursor.")
  .regex(/^[A-Za-z0-9_-]+$/, "Not a cursor from this list. Start again without a cursor.");

export const listQuerySchema = z.object({
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const isoDateTime = z.iso.datetime({ offset: true, message: "Must be an ISO 8601 date-time." });

/** Maps zod issues to `details.fields`: field path → messages. */
export function zodFields(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** "" (an emptied form field) means "clear it": null. */
export const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** `s`, or null for null and "" (cleared form fields). */
export const nullable = <S extends z.ZodType>(s: S) => z.preprocess(blankToNull, s.nullable());

/** Why a change was made, as written in its audit event. */
export const reasonSchema = z.string().trim().max(500, "At most 500 characters.");
