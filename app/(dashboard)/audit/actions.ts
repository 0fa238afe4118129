"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction, withId } from "@/lib/actions/validated-action";
import { auditRevertSchema } from "@/lib/audit/schemas";
import { revertAuditEvent } from "@/lib/audit/revert-event";

export const revertAction = validatedAction(withId(auditRevertSchema), async ({ id, reason }, p) => {
  const r = await revertAuditEvent(p, id, reason);
  revalidatePath(`/audit/${id}`);
  revalidatePath("/audit");
  for (const personId of r.persons) revalidatePath(`/persons/${personId}`);
  return { auditEventId: r.auditEventId };
});

export type RevertInput = z.infer<typeof auditRevertSchema>;
