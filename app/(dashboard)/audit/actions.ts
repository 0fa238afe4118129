"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { idSchema } from "@/lib/schemas/common";
import { auditRevertSchema } from "@/lib/audit/schemas";
import { revertAuditEvent } from "@/lib/audit/revert-event";

export const revertAction = validatedAction(auditRevertSchema.extend({ eventId: idSchema }), async ({ eventId, reason }, p) => {
  const r = await revertAuditEvent(p, eventId, reason);
  revalidatePath(`/audit/${eventId}`);
  revalidatePath("/audit");
  for (const id of r.persons) revalidatePath(`/persons/${id}`);
  return { auditEventId: r.auditEventId };
});

export type RevertInput = z.infer<typeof auditRevertSchema>;
