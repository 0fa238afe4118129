"use client";
// Add a user (react-hook-form + the API's own zod schema): email, name, role, and either a setup
// link for them to choose their password (default) or a password set now.
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { userCreateSchema } from "@/lib/users/schemas";
import { PASSWORD_MIN_LENGTH } from "@/lib/users/rules/password-policy";
import { cn } from "@/lib/utils/cn";
import { createUserAction } from "./actions";
import { ROLE_OPTIONS } from "./types";

export type CreatedUser = { id: string; email: string; setupUrl: string | null; setupExpiresAt: Date | string | null };

export function InviteDialog({ open, onOpenChange, onCreated }: { open: boolean; onOpenChange: (o: boolean) => void; onCreated: (u: CreatedUser) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent size="md">
        {open ? <InviteForm onOpenChange={onOpenChange} onCreated={onCreated} /> : null}
      </DialogContent>
    </Dialog>
  );
}

const MODES = [
  { value: "link", label: "Send a setup link", hint: "They choose their own password (link valid 24 hours)." },
  { value: "password", label: "Set a password now", hint: "Tell them the password yourself." },
] as const;

function InviteForm({ onOpenChange, onCreated }: { onOpenChange: (o: boolean) => void; onCreated: (u: CreatedUser) => void }) {
  const [mode, setMode] = useState<"link" | "password">("link");
  const { form, onSubmit, serverError } = useActionForm({
    schema: userCreateSchema,
    defaultValues: { email: "", name: "", role: "viewer" },
    action: createUserAction,
    onSuccess: (u) => {
      onOpenChange(false);
      onCreated(u);
    },
  });
  const e = form.formState.errors;
  const roleHint = ROLE_OPTIONS.find((r) => r.value === form.watch("role"))?.hint;
  return (
    <form onSubmit={onSubmit} noValidate className="flex min-h-0 flex-1 flex-col">
      <DialogHeader>
        <DialogTitle>Add a user</DialogTitle>
        <DialogDescription>Someone who signs in to this dashboard. Give them the least role they need.</DialogDescription>
      </DialogHeader>
      <DialogBody className="space-y-4 overflow-y-auto">
        {serverError ? <Alert tone="error">{serverError}</Alert> : null}
        <Field label="Email" required error={e.email?.message}>
          <Input type="email" autoComplete="off" inputMode="email" autoCapitalize="none" spellCheck={false} {...form.register("email")} />
        </Field>
        <Field label="Name" error={e.name?.message}>
          <Input autoComplete="off" {...form.register("name")} />
        </Field>
        <Field label="Role" required error={e.role?.message} hint={roleHint}>
          <Select options={ROLE_OPTIONS.map((r) => ({ value: r.value, label: r.label }))} {...form.register("role")} />
        </Field>
        <fieldset className="space-y-2">
          <legend className="mb-1.5 text-[13px] font-medium text-fg">How they get a password</legend>
          {MODES.map((m) => (
            <label key={m.value} className={cn("flex cursor-pointer items-start gap-2.5 rounded-md border px-3 py-2", mode === m.value ? "border-accent/50 bg-accent/5" : "border-border")}>
              <input type="radio" name="password-mode" value={m.value} checked={mode === m.value} onChange={() => { setMode(m.value); form.clearErrors("password"); }}
                className="mt-0.5 size-4 accent-[var(--accent)]" />
              <span className="text-[13px]">
                <span className="font-medium text-fg">{m.label}</span>
                <span className="block text-xs text-fg-muted">{m.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {mode === "password" ? (
          <Field label="Password" required error={e.password?.message} hint={`At least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words work well.`}>
            <Input type="password" autoComplete="new-password" {...form.register("password", { shouldUnregister: true })} />
          </Field>
        ) : null}
      </DialogBody>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="ghost">Cancel</Button>
        </DialogClose>
        <Button type="submit" loading={form.formState.isSubmitting}>Add user</Button>
      </DialogFooter>
    </form>
  );
}
