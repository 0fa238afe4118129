import { notFound } from "@/lib/errors";
import { idSchema } from "@/lib/schemas/common";

/** A malformed id names no key: 404, like an unknown one. */
export function keyId(p: { id: string }): string {
  if (!idSchema.safeParse(p.id).success) throw notFound("API key");
  return p.id;
}
