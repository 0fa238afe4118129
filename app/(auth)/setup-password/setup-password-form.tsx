"use client";
// Password + confirmation. Only the length is checked here; the strength check (zxcvbn-ts, with
// its dictionaries) runs on the server, whose messages are shown under the field.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { setPasswordAction } from "./actions";

export function SetupPasswordForm({ token, minLength }: { token: string; minLength: number }) {
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<{ password?: string; confirm?: string; form?: string }>({});
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (password.length < minLength) return setErrors({ password: `Use at least ${minLength} characters.` });
    if (password !== confirm) return setErrors({ confirm: "The two passwords differ." });
    setPending(true);
    setErrors({});
    const r = await setPasswordAction({ token, password });
    setPending(false);
    if (r.ok) {
      setDone(true);
      return;
    }
    setErrors({ password: r.fields?.password?.join(" "), form: r.fields?.password ? undefined : r.error });
  };

  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success">Your password is set. Sign in with it now.</Alert>
        <Button onClick={() => router.push("/login")}>Go to sign in</Button>
      </div>
    );
  }
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4" aria-busy={pending || undefined}>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Field label="New password" error={errors.password} hint={`At least ${minLength} characters; a few unrelated words work well.`}>
        <Input type="password" autoComplete="new-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} readOnly={pending} />
      </Field>
      <Field label="Repeat the password" error={errors.confirm}>
        <Input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} readOnly={pending} />
      </Field>
      <Button type="submit" className="mt-1 w-full" loading={pending}>
        {pending ? "Saving…" : "Set password"}
      </Button>
    </form>
  );
}
