"use client";
// Two-factor sign-in on one's own account: set up (scan the QR code rendered by the server, or
// type the key), confirm with a code, then the recovery codes, shown this once.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/forms/use-action-form";
import { actionErrorMessage } from "@/components/forms/session-ended";
import { twoFactorConfirmSchema } from "@/lib/twofactor/schemas";
import { beginTwoFactorAction, confirmTwoFactorAction } from "./actions";

export type TwoFactorCardProps = { applies: boolean; enabled: boolean; required: boolean; recoveryCodesLeft: number };
type Pending = { secret: string; qrDataUrl: string };

export function TwoFactorCard({ applies, enabled, required, recoveryCodesLeft }: TwoFactorCardProps) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<React.ReactNode>(null);
  const { form, onSubmit, serverError } = useActionForm({
    schema: twoFactorConfirmSchema,
    defaultValues: { code: "" },
    action: confirmTwoFactorAction,
    onSuccess: (r) => {
      setPending(null);
      setCodes(r.recoveryCodes);
      router.refresh();
    },
  });

  if (!applies) return <p className="text-sm text-fg-muted">You sign in through your identity provider; its own second factor applies.</p>;

  if (codes) {
    return (
      <div className="space-y-3" data-testid="recovery-codes">
        <Alert tone="success">Two-factor sign-in is on.</Alert>
        <p className="text-sm text-fg">Save these recovery codes somewhere safe. Each signs you in once if you lose your phone. They are shown only now.</p>
        <ul className="grid grid-cols-2 gap-1 rounded-md border border-border bg-muted p-3 font-mono text-sm">
          {codes.map((c) => <li key={c}>{c}</li>)}
        </ul>
        <div className="flex justify-end"><Button size="sm" variant="secondary" onClick={() => setCodes(null)}>I saved them</Button></div>
      </div>
    );
  }

  if (enabled) {
    return (
      <p className="text-sm text-fg">
        Two-factor sign-in is <strong className="font-medium">on</strong>. {recoveryCodesLeft} recovery code{recoveryCodesLeft === 1 ? "" : "s"} left.
        Lost your phone? An admin can reset it on the Users page.
      </p>
    );
  }

  const start = async () => {
    setStartError(null);
    setStarting(true);
    try {
      const r = await beginTwoFactorAction({});
      if (r.ok) setPending({ secret: r.data.secret, qrDataUrl: r.data.qrDataUrl });
      else setStartError(actionErrorMessage(r));
    } catch {
      setStartError("Could not reach the server. Check your connection and try again.");
    } finally {
      setStarting(false);
    }
  };

  if (!pending) {
    return (
      <div className="space-y-3">
        {required ? <Alert tone="warning">Your workspace requires two-factor sign-in: set it up to continue.</Alert> : null}
        {startError ? <Alert tone="error">{startError}</Alert> : null}
        <p className="text-sm text-fg-muted">After your password, sign-in will ask for a code from an authenticator app on your phone.</p>
        <div className="flex justify-end"><Button size="sm" loading={starting} onClick={start}>Set up two-factor</Button></div>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {serverError ? <Alert tone="error">{serverError}</Alert> : null}
      <div className="flex flex-col items-center gap-3 sm:flex-row sm:items-start">
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL rendered by the server */}
        <img src={pending.qrDataUrl} alt="QR code for your authenticator app" width={176} height={176} className="rounded-md bg-white p-1" />
        <div className="min-w-0 space-y-2 text-sm">
          <p className="text-fg">Scan this with your authenticator app, or enter the key by hand:</p>
          <code className="block break-all rounded bg-muted px-2 py-1 font-mono text-xs" data-testid="totp-secret">{pending.secret}</code>
        </div>
      </div>
      <Field label="Code from the app" required error={form.formState.errors.code?.message}>
        <Input autoComplete="one-time-code" inputMode="numeric" {...form.register("code")} />
      </Field>
      <div className="flex justify-end gap-2">
        <Button type="button" size="sm" variant="ghost" onClick={() => setPending(null)}>Cancel</Button>
        <Button type="submit" size="sm" loading={form.formState.isSubmitting}>Turn on</Button>
      </div>
    </form>
  );
}
