import { notFound } from "../errors";
import { idSchema } from "../schemas/common";

/** A path id that is not a UUID names nothing: 404, like an unknown id. */
export function idParam(value: string, what: string): string {
  if (!idSchema.safeParse(value).success) throw notFound(what);
  return value;
}
