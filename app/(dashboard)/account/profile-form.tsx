"use client";
// The user's own name (react-hook-form + the API's schema); email and role are shown, not edited.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/forms/use-action-form";
import { accountUpdateSchema } from "@/lib/users/schemas";
import type { Role } from "@/lib/auth/rules/scopes";
import { updateAccountAction } from "./actions";

const ROLE_LABEL: Record<Role, string> = { admin: "Admin", lead: "Lead", viewer: "Viewer" };

export function ProfileForm({ account }: { account: { name: string | null; email: string; role: Role } }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, serverError } = useActionForm({
    schema: accountUpdateSchema,
    defaultValues: { name: account.name ?? "" },
    action: updateAccountAction,
    onSuccess: (a) => {
      form.reset({ name: a.name ?? "" });
      setSaved(true);
      router.refresh();
    },
  });
  return (
    <form onSubmit={(e) => { setSaved(false); void onSubmit(e); }} noValidate className="space-y-4">
      {serverError ? <Alert tone="error">{serverError}</Alert> : null}
      {saved ? <Alert tone="success">Your name is saved.</Alert> : null}
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-[13px]">
        <dt className="text-fg-muted">Email</dt>
        <dd className="min-w-0 truncate font-medium text-fg" title={account.email}>{account.email}</dd>
        <dt className="text-fg-muted">Role</dt>
        <dd><Badge tone={account.role === "admin" ? "accent" : account.role === "lead" ? "success" : "neutral"}>{ROLE_LABEL[account.role]}</Badge></dd>
      </dl>
      <Field label="Name" error={form.formState.errors.name?.message} hint="Shown in the header and in the audit log's actor names.">
        <Input autoComplete="name" {...form.register("name")} />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" size="sm" loading={form.formState.isSubmitting} disabled={!form.formState.isDirty}>Save name</Button>
      </div>
    </form>
  );
}
