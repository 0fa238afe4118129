"use client";
// Create / edit a route: react-hook-form with the shared zod schema (the one the API enforces),
// every option of a route, field-level errors, server errors shown without losing the form.
import { notifyDone, notifyWarning } from "@/components/ui/toast";
import { useId, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Controller, useWatch, type Control } from "react-hook-form";
import type { z } from "zod";
import { MessagesSquare, Pencil, Plus, User } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SearchPicker, type PickerOption } from "@/components/ui/search-picker";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { useActionForm } from "@/components/forms/use-action-form";
import { ConflictAlert, type ConflictField } from "@/components/forms/conflict-alert";
import { cn } from "@/lib/utils/cn";
import { routeCreateSchema, ROUTE_TIMEOUT_MAX, type RouteCreateInput } from "@/lib/routes/schemas";
import type { RouteView } from "@/lib/routes/route-records";
import { createRouteAction, updateRouteAction } from "./actions";
import { usePickerSearches } from "./use-picker-searches";
import { channelLabel } from "@/lib/format/labels";

export type InstanceOption = { id: string; name: string; channel: string; defaultAgent: string | null };
export type AgentOption = { id: string; name: string };

const toNullableInt = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));
const toInt = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));
const toNullableText = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

function defaults(route: RouteView | undefined, instances: InstanceOption[], agents: AgentOption[], instanceId?: string): RouteCreateInput {
  if (route) {
    return {
      instanceId: route.instanceId, scope: route.scope as "chat" | "user", chatId: route.chatId, personId: route.personId,
      agentId: route.agentId, timeout: route.timeout, stream: route.stream, prefixSender: route.prefixSender,
      waitMedia: route.waitMedia, sendMediaPath: route.sendMediaPath, gate: route.gate, gateModel: route.gateModel,
      gatePrompt: route.gatePrompt, replyFilterMode: route.replyFilterMode as "all" | "filtered", label: route.label,
      priority: route.priority, active: route.active,
    };
  }
  return {
    instanceId: instanceId && instances.some((i) => i.id === instanceId) ? instanceId : instances.length === 1 ? instances[0].id : "", scope: "chat", chatId: null, personId: null,
    agentId: agents.length === 1 ? agents[0].id : "", timeout: null, stream: false, prefixSender: false, waitMedia: false,
    sendMediaPath: false, gate: false, gateModel: null, gatePrompt: null, replyFilterMode: "all", label: null, priority: 0, active: true,
  };
}

/** A route as an edit form loads it: its view plus its version (ETag), which the save sends back. */
export type EditableRoute = RouteView & { version?: string };

const CONFLICT_FIELDS: ConflictField[] = [
  { key: "instanceId", label: "Instance" }, { key: "scope", label: "Scope" }, { key: "chatId", label: "Chat" },
  { key: "personId", label: "Person" }, { key: "agentId", label: "Agent" }, { key: "priority", label: "Priority" },
  { key: "active", label: "Active" }, { key: "label", label: "Label" }, { key: "timeout", label: "Timeout" },
  { key: "stream", label: "Stream" }, { key: "prefixSender", label: "Prefix sender" }, { key: "waitMedia", label: "Wait for media" },
  { key: "sendMediaPath", label: "Send media path" }, { key: "gate", label: "Gate" }, { key: "gateModel", label: "Gate model" },
  { key: "gatePrompt", label: "Gate prompt" }, { key: "replyFilterMode", label: "Reply filter" },
];

type RouteFormControl = Control<z.input<typeof routeCreateSchema>, unknown, RouteCreateInput>;
type SwitchName = "stream" | "prefixSender" | "waitMedia" | "sendMediaPath" | "gate" | "active";

/** One on/off option of the route, labelled, with its hint. */
function SwitchRow({ control, name, label, hint }: { control: RouteFormControl; name: SwitchName; label: string; hint: string }) {
  const id = useId();
  return (
    <div className="flex items-start justify-between gap-4 rounded-md border border-border px-3 py-2.5">
      <div className="min-w-0">
        <Label htmlFor={id}>{label}</Label>
        <p className="mt-0.5 text-xs leading-relaxed text-fg-muted">{hint}</p>
      </div>
      <div className="pt-0.5">
        <Controller control={control} name={name} render={({ field }) => (
          <Switch id={id} checked={!!field.value} onCheckedChange={field.onChange} onBlur={field.onBlur} />
        )} />
      </div>
    </div>
  );
}

function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <fieldset className={cn("space-y-3", className)}>
      <legend className="mb-3 text-xs font-semibold tracking-wide text-fg-muted uppercase">{title}</legend>
      {children}
    </fieldset>
  );
}

export function RouteFormDialog(props: {
  mode: "create" | "edit";
  route?: EditableRoute;
  instances: InstanceOption[];
  agents: AgentOption[];
  triggerLabel?: string;
  /** create: preselect this instance (e.g. the one the list is filtered by) */
  defaultInstanceId?: string;
}) {
  const { mode, route, instances, agents } = props;
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [chatSel, setChatSel] = useState<PickerOption | null>(
    route?.chat ? { value: route.chat.id, label: route.chat.title || route.chat.externalId } : null,
  );
  const [personSel, setPersonSel] = useState<PickerOption | null>(
    route?.person ? { value: route.person.id, label: route.person.displayName || route.person.primaryPhone || "Unnamed person" } : null,
  );
  const { form, onSubmit, serverError, setServerError, conflict, setConflict, keepMine, setVersion } = useActionForm({
    schema: routeCreateSchema,
    defaultValues: defaults(route, instances, agents, props.defaultInstanceId),
    version: route?.version,
    action: (values, version) => {
      const body = { ...values, chatId: values.scope === "chat" ? values.chatId : null, personId: values.scope === "user" ? values.personId : null };
      return mode === "edit" && route ? updateRouteAction({ ...body, id: route.id, version }) : createRouteAction(body);
    },
    onSuccess: (saved) => {
      setOpen(false);
      if (mode === "create") {
        form.reset(defaults(undefined, instances, agents, props.defaultInstanceId));
        setChatSel(null);
        setPersonSel(null);
      }
      router.refresh();
      notifyDone(mode === "create" ? "Route created" : "Route saved");
      if (saved.warning) notifyWarning("This route will never apply", saved.warning);
    },
  });
  const e = form.formState.errors;
  const scope = useWatch({ control: form.control, name: "scope" });
  const instanceId = useWatch({ control: form.control, name: "instanceId" });
  const gate = useWatch({ control: form.control, name: "gate" });
  const instance = instances.find((i) => i.id === instanceId);

  const { searchChats, searchPersons } = usePickerSearches(instanceId);

  const title = mode === "edit" ? "Edit route" : "New route";
  return (
    <Dialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) { setServerError(null); setConflict(null); } }}>
      <DialogTrigger asChild>
        {mode === "edit" ? (
          <Button variant="ghost" size="icon-sm" aria-label={`Edit ${route?.label ? `“${route.label}”` : "route"}`} title="Edit">
            <Pencil aria-hidden="true" />
          </Button>
        ) : (
          <Button size="sm">
            <Plus aria-hidden="true" />
            {props.triggerLabel ?? "New route"}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent size="lg">
        <form onSubmit={onSubmit} noValidate className="flex min-h-0 flex-1 flex-col" aria-label={title}>
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>
              Send one chat, or one person, on an instance to an agent. A chat route beats a person route; within a scope the higher priority wins.
            </DialogDescription>
          </DialogHeader>
          <DialogBody className="space-y-6">
            {serverError ? <Alert tone="error" title="The route was not saved">{serverError}</Alert> : null}
            {conflict && route ? (
              <ConflictAlert conflict={conflict} loaded={route} fields={CONFLICT_FIELDS} what="route" onKeepMine={keepMine}
                onLoadCurrent={() => {
                  const now = conflict.current as unknown as RouteView;
                  form.reset(defaults(now, instances, agents));
                  setChatSel(now.chat ? { value: now.chat.id, label: now.chat.title || now.chat.externalId } : null);
                  setPersonSel(now.person ? { value: now.person.id, label: now.person.displayName || now.person.primaryPhone || "Unnamed person" } : null);
                  setVersion(conflict.version);
                  setConflict(null);
                }} />
            ) : null}

            <Section title="Who answers whom">
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Instance" error={e.instanceId?.message} required
                  hint={instance ? `Default agent: ${instance.defaultAgent ?? "none"}` : undefined}>
                  <Select placeholder="Choose an instance" options={instances.map((i) => ({ value: i.id, label: `${i.name} (${channelLabel(i.channel)})` }))}
                    {...form.register("instanceId", {
                      onChange: () => { form.setValue("chatId", null); setChatSel(null); },
                    })} />
                </Field>
                <Field label="Agent" error={e.agentId?.message} required>
                  <Select placeholder="Choose an agent" options={agents.map((a) => ({ value: a.id, label: a.name }))} {...form.register("agentId")} />
                </Field>
              </div>
              <div role="radiogroup" aria-label="Scope" className="grid grid-cols-2 gap-2">
                {(["chat", "user"] as const).map((s) => (
                  <label key={s} className={cn(
                    "flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2.5 text-sm transition-colors focus-within:ring-2 focus-within:ring-accent/40",
                    scope === s ? "border-accent bg-accent/5" : "border-border hover:bg-muted/50",
                  )}>
                    <input type="radio" value={s} className="mt-1 accent-[var(--accent)]" {...form.register("scope")} />
                    <span>
                      <span className="flex items-center gap-1.5 font-medium text-fg">
                        {s === "chat" ? <MessagesSquare aria-hidden="true" className="size-4" /> : <User aria-hidden="true" className="size-4" />}
                        {s === "chat" ? "A chat" : "A person"}
                      </span>
                      <span className="mt-0.5 block text-xs text-fg-muted">
                        {s === "chat" ? "One conversation: a DM, a group or a channel." : "Everyone's messages from one person, in any chat without its own route."}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
              {scope === "chat" ? (
                <Field label="Chat" error={e.chatId?.message} required hint={instanceId ? "Search by title or external id." : "Choose the instance first."}>
                  {(ctl) => (
                    <Controller control={form.control} name="chatId" render={({ field }) => (
                      <SearchPicker {...ctl} value={field.value ?? null} selected={chatSel} disabled={!instanceId}
                        placeholder="Search chats…" emptyText="No chat with that title on this instance." search={searchChats}
                        onChange={(o) => { setChatSel(o); field.onChange(o?.value ?? null); }} />
                    )} />
                  )}
                </Field>
              ) : (
                <Field label="Person" error={e.personId?.message} required hint="Search by name, or type a phone number in full.">
                  {(ctl) => (
                    <Controller control={form.control} name="personId" render={({ field }) => (
                      <SearchPicker {...ctl} value={field.value ?? null} selected={personSel}
                        placeholder="Search persons…" emptyText="No person with that name or phone." search={searchPersons}
                        onChange={(o) => { setPersonSel(o); field.onChange(o?.value ?? null); }} />
                    )} />
                  )}
                </Field>
              )}
            </Section>

            <Section title="Precedence and replies">
              <div className="grid gap-4 sm:grid-cols-3">
                <Field label="Priority" error={e.priority?.message} hint="Higher wins. Default 0.">
                  <Input type="number" step={1} inputMode="numeric" {...form.register("priority", { setValueAs: toInt })} />
                </Field>
                <Field label="Timeout (seconds)" error={e.timeout?.message} hint={`Empty: the agent's default. Max ${ROUTE_TIMEOUT_MAX}.`}>
                  <Input type="number" min={1} max={ROUTE_TIMEOUT_MAX} step={1} inputMode="numeric" {...form.register("timeout", { setValueAs: toNullableInt })} />
                </Field>
                <Field label="Reply filter" error={e.replyFilterMode?.message} hint="Filtered: only replies that pass the hub's filter.">
                  <Select options={[{ value: "all", label: "All replies" }, { value: "filtered", label: "Filtered" }]} {...form.register("replyFilterMode")} />
                </Field>
              </div>
              <div className="grid gap-2 sm:grid-cols-2">
                {([
                  ["stream", "Stream replies", "Send the answer as it is written."],
                  ["prefixSender", "Prefix sender", "Tell the agent who wrote each message."],
                  ["waitMedia", "Wait for media", "Hold a message until its attachments arrive."],
                  ["sendMediaPath", "Send media path", "Pass attachments as file paths, not inline."],
                ] as const).map(([name, label, hint]) => (
                  <SwitchRow key={name} control={form.control} name={name} label={label} hint={hint} />
                ))}
              </div>
            </Section>

            <Section title="Gate">
              <SwitchRow control={form.control} name="gate" label="Gate messages" hint="A small model decides first whether the agent should answer at all." />
              <div className={cn("grid gap-4 sm:grid-cols-3", !gate && "opacity-60")}>
                <Field label="Gate model" error={e.gateModel?.message} hint={gate ? "e.g. claude-haiku" : "Used when the gate is on."}>
                  <Input autoComplete="off" disabled={!gate} {...form.register("gateModel", { setValueAs: toNullableText })} />
                </Field>
                <Field label="Gate prompt" error={e.gatePrompt?.message} className="sm:col-span-2">
                  <Textarea rows={2} disabled={!gate} placeholder="Answer only questions about billing." {...form.register("gatePrompt", { setValueAs: toNullableText })} />
                </Field>
              </div>
            </Section>

            <Section title="Label and status">
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Label" error={e.label?.message} hint="For you: shown in lists, searchable.">
                  <Input autoComplete="off" placeholder="e.g. VIP customers" {...form.register("label", { setValueAs: toNullableText })} />
                </Field>
                <SwitchRow control={form.control} name="active" label="Active" hint="Inactive routes are kept but never used." />
              </div>
            </Section>
          </DialogBody>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="ghost">Cancel</Button>
            </DialogClose>
            <Button type="submit" loading={form.formState.isSubmitting}>{mode === "edit" ? "Save changes" : "Create route"}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
