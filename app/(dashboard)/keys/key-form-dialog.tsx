"use client";
// Create and edit an API key (react-hook-form + the API's own zod schema).
import { Controller } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { ConflictAlert, type ConflictField } from "@/components/forms/conflict-alert";
import { keyCreateSchema } from "@/lib/keys/schemas";
import type { ActionResult } from "@/lib/actions/validated-action";
import { createKeyAction, updateKeyAction } from "./actions";
import { InstancePicker } from "./instance-picker";
import { ScopePicker } from "./scope-picker";
import type { InstanceOption, IssuedKey, KeyRow } from "./types";

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, "0");
/** ISO → the value of a datetime-local input (local time). */
function toLocalInput(iso: string | Date | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : null);

type Props = {
  instances: InstanceOption[];
  defaultRateLimit: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** edit this key; create when absent */
  editing?: KeyRow | null;
  onCreated?: (k: IssuedKey) => void;
  onSaved?: () => void;
};

export function KeyFormDialog({ instances, defaultRateLimit, open, onOpenChange, editing, onCreated, onSaved }: Props) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent size="lg">
        {open ? <KeyForm key={editing?.id ?? "new"} {...{ instances, defaultRateLimit, onOpenChange, editing, onCreated, onSaved }} /> : null}
      </DialogContent>
    </Dialog>
  );
}

const CONFLICT_FIELDS: ConflictField[] = [
  { key: "name", label: "Name" }, { key: "description", label: "Description" }, { key: "scopes", label: "Scopes", show: (v) => (v as string[]).join(", ") },
  { key: "instanceIds", label: "Instances" }, { key: "rateLimit", label: "Rate limit" }, { key: "expiresAt", label: "Expires" }, { key: "status", label: "Status" },
];

const formValues = (k: KeyRow | null | undefined) => ({
  name: k?.name ?? "",
  description: k?.description ?? null,
  scopes: k?.scopes ?? [],
  instanceIds: k?.instanceIds ?? [],
  rateLimit: k?.rateLimit ?? null,
  expiresAt: k?.expiresAt ? new Date(k.expiresAt).toISOString() : null,
});

function KeyForm({ instances, defaultRateLimit, onOpenChange, editing, onCreated, onSaved }: Omit<Props, "open">) {
  const isEdit = !!editing;
  const { form, onSubmit, serverError, conflict, setConflict, keepMine, setVersion } = useActionForm({
    schema: keyCreateSchema,
    defaultValues: formValues(editing),
    version: editing?.version,
    action: async (v, version): Promise<ActionResult<IssuedKey | { id: string }>> => {
      if (!editing) return createKeyAction(v);
      const before = editing.expiresAt ? new Date(editing.expiresAt).toISOString() : null;
      return updateKeyAction({
        id: editing.id,
        version,
        name: v.name,
        description: v.description ?? null,
        scopes: v.scopes,
        instanceIds: v.instanceIds ?? [],
        rateLimit: v.rateLimit ?? null,
        // an unchanged (possibly past) expiry is left alone
        ...((v.expiresAt ?? null) !== before ? { expiresAt: v.expiresAt ?? null } : {}),
      });
    },
    onSuccess: (data) => {
      if ("key" in data) onCreated?.(data);
      else onSaved?.();
      onOpenChange(false);
    },
  });
  const e = form.formState.errors;
  const scopesError = e.scopes?.message ?? (Array.isArray(e.scopes) ? e.scopes.find(Boolean)?.message : undefined);

  return (
    <form onSubmit={onSubmit} noValidate className="flex min-h-0 flex-1 flex-col">
      <DialogHeader>
        <DialogTitle>{isEdit ? `Edit ${editing!.name}` : "New API key"}</DialogTitle>
        <DialogDescription>
          {isEdit
            ? "Changes apply to the very next request made with this key."
            : "A key for a script or integration. Give it only the scopes and instances it needs."}
        </DialogDescription>
      </DialogHeader>
      <DialogBody className="space-y-4 overflow-y-auto">
        {serverError ? <Alert tone="error">{serverError}</Alert> : null}
        {conflict && editing ? (
          <ConflictAlert conflict={conflict} loaded={editing} fields={CONFLICT_FIELDS} what="key" onKeepMine={keepMine}
            onLoadCurrent={() => { form.reset(formValues(conflict.current as KeyRow)); setVersion(conflict.version); setConflict(null); }} />
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" error={e.name?.message} required hint="Who or what uses it, e.g. nightly-export.">
            <Input autoComplete="off" {...form.register("name")} />
          </Field>
          <Field label="Rate limit" error={e.rateLimit?.message} hint={`Requests per minute. Empty: the server default (${defaultRateLimit}).`}>
            <Input type="number" min={1} inputMode="numeric" placeholder={String(defaultRateLimit)}
              {...form.register("rateLimit", { setValueAs: (v: string | number | null) => (v === "" || v === null ? null : Number(v)) })} />
          </Field>
        </div>
        <Field label="Description" error={e.description?.message}>
          <Textarea rows={2} {...form.register("description", { setValueAs: (v: string | null) => (v ? v : null) })} />
        </Field>
        <Field label="Scopes" required error={scopesError} hint="A key can never have scopes you do not have yourself.">
          {(c) => (
            <Controller control={form.control} name="scopes" render={({ field }) => (
              <ScopePicker value={field.value ?? []} onChange={field.onChange} invalid={!!scopesError} describedBy={c["aria-describedby"]} />
            )} />
          )}
        </Field>
        <Field label="Instances" error={e.instanceIds?.message} hint="None ticked: every instance, including ones added later.">
          {(c) => (
            <Controller control={form.control} name="instanceIds" render={({ field }) => (
              <InstancePicker instances={instances} value={field.value ?? []} onChange={field.onChange} describedBy={c["aria-describedby"]} />
            )} />
          )}
        </Field>
        <Controller control={form.control} name="expiresAt" render={({ field }) => (
          <Field label="Expires" error={e.expiresAt?.message} hint={field.value ? `Stops working ${new Date(field.value).toLocaleString()}.` : "Never expires."}>
            {(c) => (
              <div className="flex flex-wrap items-center gap-2">
                <Input {...c} type="datetime-local" className="w-56" value={toLocalInput(field.value)}
                  onChange={(ev) => field.onChange(fromLocalInput(ev.target.value))} />
                <Button type="button" size="sm" variant="ghost" onClick={() => field.onChange(new Date(Date.now() + 30 * DAY).toISOString())}>In 30 days</Button>
                <Button type="button" size="sm" variant="ghost" onClick={() => field.onChange(new Date(Date.now() + 365 * DAY).toISOString())}>In a year</Button>
                <Button type="button" size="sm" variant="ghost" onClick={() => field.onChange(null)}>Never</Button>
              </div>
            )}
          </Field>
        )} />
      </DialogBody>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="ghost">Cancel</Button>
        </DialogClose>
        <Button type="submit" loading={form.formState.isSubmitting}>{isEdit ? "Save changes" : "Create key"}</Button>
      </DialogFooter>
    </form>
  );
}
