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
import { ConflictAlert, type ConflictField } from "@/components/forms/conflict-alert";
import { personEditFormSchema } from "@/lib/persons/schemas";
import { updatePersonAction } from "../actions";

type Person = { id: string; displayName: string | null; primaryPhone: string | null; primaryEmail: string | null; avatarUrl: string | null; metadata: unknown };

const CONFLICT_FIELDS: ConflictField[] = [
  { key: "displayName", label: "Display name" }, { key: "primaryPhone", label: "Primary phone" },
  { key: "primaryEmail", label: "Primary email" }, { key: "avatarUrl", label: "Avatar URL" }, { key: "metadata", label: "Metadata" },
];

const formValues = (person: Person) => ({
  displayName: person.displayName ?? "",
  primaryPhone: person.primaryPhone ?? "",
  primaryEmail: person.primaryEmail ?? "",
  avatarUrl: person.avatarUrl ?? "",
  metadata: person.metadata ? JSON.stringify(person.metadata, null, 2) : "",
});

/** The person edit form; `version` is the person's ETag as loaded (a stale save shows the conflict). */
export function EditPersonDialog({ person, version }: { person: Person; version?: string }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const defaults = formValues(person);
  const { form, onSubmit, serverError, setServerError, conflict, setConflict, keepMine, setVersion } = useActionForm({
    schema: personEditFormSchema,
    defaultValues: defaults,
    version,
    action: (values, v) => updatePersonAction({ id: person.id, ...values, version: v }),
    onSuccess: () => { setOpen(false); router.refresh(); notifyDone("Person saved"); },
  });
  const e = form.formState.errors;
  return (
    <FormDialog open={open} onOpenChange={(o) => { setOpen(o); if (o) { form.reset(defaults); setServerError(null); setConflict(null); setVersion(version); } }}
      triggerLabel="Edit" triggerIcon={<Pencil aria-hidden="true" className="size-3.5" />} title="Edit person"
      description="Changes are recorded in the audit log with the values before and after."
      submitLabel="Save changes" submitting={form.formState.isSubmitting} serverError={serverError} onSubmit={onSubmit}>
      {conflict ? (
        <ConflictAlert conflict={conflict} loaded={person} fields={CONFLICT_FIELDS} what="person" onKeepMine={keepMine}
          onLoadCurrent={() => { form.reset(formValues(conflict.current as Person)); setVersion(conflict.version); setConflict(null); }} />
      ) : null}
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
