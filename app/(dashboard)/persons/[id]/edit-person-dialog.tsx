"use client";
import { notifyDone } from "@/components/ui/toast";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Pencil } from "lucide-react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { personEditFormSchema } from "@/lib/persons/schemas";
import { updatePersonAction } from "../actions";

type Person = { id: string; displayName: string | null; primaryPhone: string | null; primaryEmail: string | null; avatarUrl: string | null; metadata: unknown };

export function EditPersonDialog({ person }: { person: Person }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const defaults = {
    displayName: person.displayName ?? "",
    primaryPhone: person.primaryPhone ?? "",
    primaryEmail: person.primaryEmail ?? "",
    avatarUrl: person.avatarUrl ?? "",
    metadata: person.metadata ? JSON.stringify(person.metadata, null, 2) : "",
  };
  const { form, onSubmit, serverError, setServerError } = useActionForm({
    schema: personEditFormSchema,
    defaultValues: defaults,
    action: (values) => updatePersonAction({ id: person.id, ...values }),
    onSuccess: () => { setOpen(false); router.refresh(); notifyDone("Person saved"); },
  });
  const e = form.formState.errors;
  return (
    <FormDialog open={open} onOpenChange={(o) => { setOpen(o); if (o) { form.reset(defaults); setServerError(null); } }}
      triggerLabel="Edit" triggerIcon={<Pencil aria-hidden="true" className="size-3.5" />} title="Edit person"
      description="Changes are recorded in the audit log with the values before and after."
      submitLabel="Save changes" submitting={form.formState.isSubmitting} serverError={serverError} onSubmit={onSubmit}>
      <Field label="Display name" error={e.displayName?.message}>
        <Input autoComplete="off" {...form.register("displayName")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Primary phone" error={e.primaryPhone?.message} hint={e.primaryPhone ? undefined : "International format, e.g. +14155550123."}>
          <Input type="tel" inputMode="tel" autoComplete="off" placeholder="+14155550123" {...form.register("primaryPhone")} />
        </Field>
        <Field label="Primary email" error={e.primaryEmail?.message}>
          <Input type="email" autoComplete="off" {...form.register("primaryEmail")} />
        </Field>
      </div>
      <Field label="Avatar URL" error={e.avatarUrl?.message}>
        <Input type="url" autoComplete="off" placeholder="https://…" {...form.register("avatarUrl")} />
      </Field>
      <Field label="Metadata" error={e.metadata?.message} hint={'A JSON object, e.g. {"plan": "pro"}. Leave empty for none.'}>
        <Textarea rows={6} spellCheck={false} className="font-mono text-xs" {...form.register("metadata")} />
      </Field>
    </FormDialog>
  );
}
