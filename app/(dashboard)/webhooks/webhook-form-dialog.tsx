"use client";
// Create or edit a webhook endpoint: URL, events picker (all, a whole resource, or single
// actions), instances. An edit sends the version it loaded: a stale save shows what changed
// meanwhile (ConflictAlert) and keeps the input.
import { Controller } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { ConflictAlert } from "@/components/forms/conflict-alert";
import type { ActionResult } from "@/lib/actions/validated-action";
import { webhookCreateSchema } from "@/lib/webhooks/schemas";
import { InstancePicker } from "../keys/instance-picker";
import { createWebhookAction, updateWebhookAction } from "./actions";
import { CONFLICT_FIELDS, type HookRow, type InstanceOption, type IssuedSecret } from "./types";

// Which destinations are allowed is the server's setting: the form checks the URL's form only.
const formSchema = webhookCreateSchema.extend({ url: z.string().trim().min(1, "Required.").max(2000) });

function EventsPicker({ actions, value, onChange }: { actions: string[]; value: string[]; onChange: (v: string[]) => void }) {
  const groups = [...new Set(actions.map((a) => a.split(".")[0]))];
  const toggle = (e: string, on: boolean) => onChange(on ? [...value, e] : value.filter((x) => x !== e));
  const all = value.includes("*");
  return (
    <div role="group" aria-label="Events" className="max-h-64 space-y-2 overflow-y-auto rounded-md border border-border p-3 text-[13px]">
      <label className="flex items-center gap-2 font-medium">
        <input type="checkbox" className="size-4 accent-[var(--accent)]" checked={all} onChange={(e) => onChange(e.target.checked ? ["*"] : [])} />
        Every event (<code className="font-mono text-xs">*</code>)
      </label>
      {all ? null : groups.map((g) => {
        const whole = value.includes(`${g}.*`);
        return (
          <fieldset key={g} className="border-t border-border pt-2">
            <label className="flex items-center gap-2 font-medium">
              <input type="checkbox" className="size-4 accent-[var(--accent)]" checked={whole}
                onChange={(e) => onChange([...value.filter((x) => !x.startsWith(`${g}.`)), ...(e.target.checked ? [`${g}.*`] : [])])} />
              {`${g}.*`}
            </label>
            {whole ? null : (
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 pl-6">
                {actions.filter((a) => a.startsWith(`${g}.`)).map((a) => (
                  <label key={a} className="flex items-center gap-1.5">
                    <input type="checkbox" className="size-4 accent-[var(--accent)]" checked={value.includes(a)} onChange={(e) => toggle(a, e.target.checked)} />
                    <span className="font-mono text-xs">{a}</span>
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        );
      })}
    </div>
  );
}

type Props = {
  open: boolean; onOpenChange: (o: boolean) => void; instances: InstanceOption[]; actions: string[];
  /** edit this endpoint; create when absent */
  editing?: HookRow | null;
  onCreated?: (s: IssuedSecret) => void;
  onSaved?: () => void;
};

export function WebhookFormDialog({ open, onOpenChange, instances, actions, editing, onCreated, onSaved }: Props) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent size="lg">{open ? <WebhookForm key={editing?.id ?? "new"} {...{ onOpenChange, instances, actions, editing, onCreated, onSaved }} /> : null}</DialogContent>
    </Dialog>
  );
}

const formValues = (w: HookRow | null | undefined) => ({
  url: w?.url ?? "",
  events: w?.events ?? ["person.merge"],
  description: w?.description ?? null,
  instanceIds: w?.instanceIds ?? [],
});

function WebhookForm({ onOpenChange, instances, actions, editing, onCreated, onSaved }: Omit<Props, "open">) {
  const { form, onSubmit, serverError, conflict, setConflict, keepMine, setVersion } = useActionForm({
    schema: formSchema,
    defaultValues: formValues(editing),
    version: editing?.version,
    action: (v, version): Promise<ActionResult<IssuedSecret | { id: string }>> => {
      const instanceIds = v.instanceIds?.length ? v.instanceIds : undefined;
      if (!editing) return createWebhookAction({ ...v, instanceIds });
      return updateWebhookAction({ id: editing.id, version, url: v.url, events: v.events, description: v.description ?? null, instanceIds: instanceIds ?? null });
    },
    onSuccess: (data) => {
      if ("secret" in data) onCreated?.(data);
      else onSaved?.();
      onOpenChange(false);
    },
  });
  const e = form.formState.errors;
  const eventsError = e.events?.message ?? (Array.isArray(e.events) ? e.events.find(Boolean)?.message : undefined);
  return (
    <form onSubmit={onSubmit} noValidate className="flex min-h-0 flex-1 flex-col">
      <DialogHeader>
        <DialogTitle>{editing ? "Edit webhook" : "New webhook"}</DialogTitle>
        <DialogDescription>Events are POSTed as JSON, signed per Standard Webhooks; a 2xx answer within 10 s counts as delivered.</DialogDescription>
      </DialogHeader>
      <DialogBody className="space-y-4 overflow-y-auto">
        {serverError ? <Alert tone="error">{serverError}</Alert> : null}
        {conflict && editing ? (
          <ConflictAlert conflict={conflict} loaded={editing} fields={CONFLICT_FIELDS} what="webhook" onKeepMine={keepMine}
            onLoadCurrent={() => { form.reset(formValues(conflict.current as HookRow)); setVersion(conflict.version); setConflict(null); }} />
        ) : null}
        <Field label="URL" required error={e.url?.message} hint="https://… on a public address.">
          <Input autoComplete="off" placeholder="https://crm.example.com/hooks/omni" {...form.register("url")} />
        </Field>
        <Field label="Description" error={e.description?.message}>
          <Textarea rows={2} {...form.register("description", { setValueAs: (v: string | null) => (v ? v : null) })} />
        </Field>
        <Field label="Events" required error={eventsError}>
          <Controller control={form.control} name="events" render={({ field }) => <EventsPicker actions={actions} value={field.value ?? []} onChange={field.onChange} />} />
        </Field>
        <Field label="Instances" error={e.instanceIds?.message} hint="None ticked: events of every instance.">
          <Controller control={form.control} name="instanceIds" render={({ field }) => <InstancePicker instances={instances} value={field.value ?? []} onChange={field.onChange} />} />
        </Field>
      </DialogBody>
      <DialogFooter>
        <DialogClose asChild><Button type="button" variant="ghost">Cancel</Button></DialogClose>
        <Button type="submit" loading={form.formState.isSubmitting}>{editing ? "Save changes" : "Create webhook"}</Button>
      </DialogFooter>
    </form>
  );
}
