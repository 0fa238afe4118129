"use client";
// Change one's own password: the current one, and a new one meeting the policy (the server's
// reasons, e.g. "Too easy to guess…", land on the field). Other sessions end; this one stays.
import { count } from "@/lib/format/count";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/forms/use-action-form";
import { passwordChangeSchema } from "@/lib/users/schemas";
import { PASSWORD_MIN_LENGTH } from "@/lib/users/rules/password-policy";
import { changePasswordAction } from "./actions";

export function PasswordForm({ email }: { email: string }) {
  const router = useRouter();
  const [done, setDone] = useState<number | null>(null);
  const { form, onSubmit, serverError } = useActionForm({
    schema: passwordChangeSchema,
    defaultValues: { currentPassword: "", newPassword: "" },
    action: changePasswordAction,
    onSuccess: (r) => {
      form.reset();
      setDone(r.revokedSessions);
      router.refresh();
    },
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={(ev) => { setDone(null); void onSubmit(ev); }} noValidate className="space-y-4">
      {/* lets password managers pair the new password with the account */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {serverError ? <Alert tone="error">{serverError}</Alert> : null}
      {done !== null ? (
        <Alert tone="success">
          Your password is changed.{done ? ` ${count(done, "other session")} ${done === 1 ? "was" : "were"} signed out.` : ""}
        </Alert>
      ) : null}
      <Field label="Current password" required error={e.currentPassword?.message}>
        <Input type="password" autoComplete="current-password" {...form.register("currentPassword")} />
      </Field>
      <Field label="New password" required error={e.newPassword?.message} hint={`At least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words work well.`}>
        <Input type="password" autoComplete="new-password" {...form.register("newPassword")} />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" size="sm" loading={form.formState.isSubmitting}>Change password</Button>
      </div>
    </form>
  );
}
