"use client";
import { notifyDone } from "@/components/ui/toast";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { agentCreateSchema, CHANNELS, CHAT_TYPES, chatCreateSchema, instanceCreateSchema } from "@/lib/catalog/schemas";
import { createAgentAction, createChatAction, createInstanceAction } from "./actions";
import { channelLabel } from "@/lib/format/labels";

type Option = { id: string; name: string };
const channelOptions = CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }));

function useDialog(created: string) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  return { open, setOpen, done: () => { setOpen(false); router.refresh(); notifyDone(created); } };
}

export function CreateInstanceDialog({ agents }: { agents: Option[] }) {
  const d = useDialog("Instance created");
  const { form, onSubmit, serverError } = useActionForm({
    schema: instanceCreateSchema,
    defaultValues: { name: "", channel: "whatsapp", defaultAgentId: null },
    action: createInstanceAction,
    onSuccess: () => { form.reset(); d.done(); },
  });
  const e = form.formState.errors;
  return (
    <FormDialog open={d.open} onOpenChange={d.setOpen} triggerLabel="New instance" triggerVariant="primary" title="New instance"
      description="One messaging account on one channel, e.g. your support WhatsApp number."
      submitLabel="Create instance" submitting={form.formState.isSubmitting} serverError={serverError} onSubmit={onSubmit}>
      <Field label="Name" error={e.name?.message} required hint="Unique, e.g. support-whatsapp.">
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <Field label="Channel" error={e.channel?.message} required>
        <Select options={channelOptions} {...form.register("channel")} />
      </Field>
      <Field label="Default agent" error={e.defaultAgentId?.message} hint="Answers when no route matches.">
        <Select placeholder="None" options={agents.map((a) => ({ value: a.id, label: a.name }))}
          {...form.register("defaultAgentId", { setValueAs: (v) => (v ? v : null) })} />
      </Field>
    </FormDialog>
  );
}

export function CreateAgentDialog() {
  const d = useDialog("Agent created");
  const { form, onSubmit, serverError } = useActionForm({
    schema: agentCreateSchema,
    defaultValues: { name: "", provider: "", model: null, description: null },
    action: createAgentAction,
    onSuccess: () => { form.reset(); d.done(); },
  });
  const e = form.formState.errors;
  const empty = { setValueAs: (v: string) => (v ? v : null) };
  return (
    <FormDialog open={d.open} onOpenChange={d.setOpen} triggerLabel="New agent" title="New agent"
      description="An AI agent that routes can send conversations to." submitLabel="Create agent"
      submitting={form.formState.isSubmitting} serverError={serverError} onSubmit={onSubmit}>
      <Field label="Name" error={e.name?.message} required>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <Field label="Provider" error={e.provider?.message} required hint="e.g. anthropic, openai, a webhook name.">
        <Input autoComplete="off" {...form.register("provider")} />
      </Field>
      <Field label="Model" error={e.model?.message}>
        <Input autoComplete="off" {...form.register("model", empty)} />
      </Field>
      <Field label="Description" error={e.description?.message}>
        <Textarea rows={3} {...form.register("description", empty)} />
      </Field>
    </FormDialog>
  );
}

export function CreateChatDialog({ instances }: { instances: Option[] }) {
  const d = useDialog("Chat created");
  const { form, onSubmit, serverError } = useActionForm({
    schema: chatCreateSchema,
    defaultValues: { instanceId: instances[0]?.id ?? "", externalId: "", title: null, type: "dm" },
    action: createChatAction,
    onSuccess: () => { form.reset(); d.done(); },
  });
  const e = form.formState.errors;
  return (
    <FormDialog open={d.open} onOpenChange={d.setOpen} triggerLabel="New chat" title="New chat"
      description="A conversation on an instance: a direct message, a group or a channel." submitLabel="Create chat"
      submitting={form.formState.isSubmitting} serverError={serverError} onSubmit={onSubmit}>
      <Field label="Instance" error={e.instanceId?.message} required>
        <Select placeholder="Choose an instance" options={instances.map((i) => ({ value: i.id, label: i.name }))} {...form.register("instanceId")} />
      </Field>
      <Field label="External id" error={e.externalId?.message} required hint="The platform's id for this chat.">
        <Input autoComplete="off" {...form.register("externalId")} />
      </Field>
      <Field label="Title" error={e.title?.message}>
        <Input autoComplete="off" {...form.register("title", { setValueAs: (v: string) => (v ? v : null) })} />
      </Field>
      <Field label="Type" error={e.type?.message} required>
        <Select options={CHAT_TYPES.map((t) => ({ value: t, label: t === "dm" ? "Direct message" : t[0].toUpperCase() + t.slice(1) }))} {...form.register("type")} />
      </Field>
    </FormDialog>
  );
}
