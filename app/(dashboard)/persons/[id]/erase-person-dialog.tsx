"use client";
// "Erase person" (right to erasure): the operator types the person's name and the reason; the
// person, their identities and routes are deleted and their data in the audit trail destroyed.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Trash2 } from "lucide-react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { personEraseFormSchema } from "@/lib/persons/schemas";
import { erasePersonAction } from "../actions";

/** `name`: what the operator must type (the display name, else the id). */
export function ErasePersonDialog({ personId, name }: { personId: string; name: string }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const defaults = { confirmation: "", reason: "" };
  const { form, onSubmit, serverError, setServerError } = useActionForm({
    schema: personEraseFormSchema(name),
    defaultValues: defaults,
    action: ({ reason }) => erasePersonAction({ id: personId, reason }),
    onSuccess: () => { setOpen(false); router.push("/persons"); router.refresh(); },
  });
  const e = form.formState.errors;
  return (
    <FormDialog open={open} onOpenChange={(o) => { setOpen(o); if (o) { form.reset(defaults); setServerError(null); } }}
      tone="danger" triggerLabel="Erase person" triggerIcon={<Trash2 aria-hidden="true" className="size-3.5" />} title="Erase this person?"
      description="For a right-to-erasure request. The person, their identities and the routes targeting them are deleted, and every personal field about them in the audit log becomes unreadable. This cannot be undone."
      submitLabel="Erase for good" submitting={form.formState.isSubmitting} serverError={serverError} onSubmit={onSubmit}>
      <Field label={`Type “${name}” to confirm`} error={e.confirmation?.message}>
        <Input autoComplete="off" spellCheck={false} {...form.register("confirmation")} />
      </Field>
      <Field label="Reason" error={e.reason?.message} hint={e.reason ? undefined : "Kept in the audit log, e.g. the request's reference. Put no personal data here."}>
        <Textarea rows={2} {...form.register("reason")} />
      </Field>
    </FormDialog>
  );
}
