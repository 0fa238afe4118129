// The audit log's zod schemas, shared by the API handlers, the server actions and the CLI.
import { z } from "zod";
import { idSchema, isoDateTime, limitSchema, nullable, reasonSchema, cursorSchema } from "../schemas/common";

export const auditListQuerySchema = z
  .object({
    action: z.string().trim().max(60).regex(/^[a-z]+(\.[a-z]+)?$/, "An action such as person.merge.").optional(),
    actorId: z.string().trim().min(1).max(200).optional(),
    targetId: z.string().trim().min(1).max(200).optional(),
    personId: idSchema.optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    limit: limitSchema,
    cursor: cursorSchema.optional(),
    format: z.enum(["json", "csv", "ndjson"]).default("json"),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: "from must not be after to.", path: ["to"] });
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

export const auditRevertSchema = z.strictObject({
  reason: nullable(reasonSchema).optional(),
});
export type AuditRevertInput = z.infer<typeof auditRevertSchema>;
