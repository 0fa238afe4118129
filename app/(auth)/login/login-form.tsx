"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { loginSchema, type LoginInput } from "@/lib/auth/schemas";
import { safeCallbackPath } from "@/lib/auth/rules/safe-callback";
import { TWO_FACTOR_REQUIRED } from "@/lib/auth/rules/sign-in-errors";

export interface LoginFormProps {
  /** Validated as a same-origin path by the page (and again here, against the page's own origin). */
  callbackUrl: string;
  initialError?: string | null;
  /** OpenID Connect on: the button says "Sign in with <ssoName>" */
  ssoName?: string | null;
  /** false with OMNI_PASSWORD_LOGIN=off: SSO only */
  passwordLogin?: boolean;
}

/**
 * The server sends short, human messages (bad credentials, rate limiting). Anything else
 * (a stack trace or driver error leaking through) is replaced with a generic message.
 */
function toUserMessage(error: string): string {
  if (error === "CredentialsSignin") return "Invalid email or password.";
  if (error.length > 200 || error.includes("\n")) return "Sign-in failed because of a server error. Please try again.";
  return error;
}

export function LoginForm({ callbackUrl, initialError = null, ssoName = null, passwordLogin = true }: LoginFormProps) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(initialError);
  const [redirecting, setRedirecting] = useState(false);
  const [needCode, setNeedCode] = useState(false);
  const [ssoPending, setSsoPending] = useState(false);
  const {
    register,
    handleSubmit,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<LoginInput>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: "", password: "", code: "" },
  });

  const onSso = async () => {
    setFormError(null);
    setSsoPending(true);
    try {
      await signIn("oidc", { callbackUrl: safeCallbackPath(callbackUrl, window.location.origin) });
    } catch {
      setSsoPending(false);
      setFormError("Could not reach the server. Check your connection and try again.");
    }
  };

  const onSubmit = handleSubmit(async ({ email, password, code }) => {
    setFormError(null);
    let error: string | null = null;
    try {
      const res = await signIn("credentials", { email, password, code: needCode ? (code ?? "") : "", redirect: false });
      if (!res) error = "Sign-in failed. Please try again.";
      else if (res.error) error = toUserMessage(res.error);
    } catch {
      error = "Could not reach the server. Check your connection and try again.";
    }
    if (error === TWO_FACTOR_REQUIRED) {
      setNeedCode(true); // the password was right: ask for the second factor
      setTimeout(() => setFocus("code"), 0);
      return;
    }
    if (error) {
      setFormError(error);
      setFocus(needCode ? "code" : "password", { shouldSelect: true });
      return;
    }
    setRedirecting(true); // keep the pending state until the next page replaces this one
    router.replace(safeCallbackPath(callbackUrl, window.location.origin));
    router.refresh();
  });

  const pending = isSubmitting || redirecting;

  const ssoButton = ssoName ? (
    <Button type="button" variant={passwordLogin ? "secondary" : "primary"} className="w-full" loading={ssoPending} onClick={onSso}>
      Sign in with {ssoName}
    </Button>
  ) : null;

  if (!passwordLogin) {
    return (
      <div className="flex flex-col gap-4">
        {formError ? <Alert tone="error" id="login-error">{formError}</Alert> : null}
        {ssoButton ?? <Alert tone="warning">No sign-in method is configured. Ask your administrator.</Alert>}
      </div>
    );
  }

  return (
    <>
    {ssoButton ? (
      <div className="mb-4 flex flex-col gap-4">
        {ssoButton}
        <p className="text-center text-xs text-fg-muted">or with your email and password</p>
      </div>
    ) : null}
    <form
      noValidate
      onSubmit={onSubmit}
      className="flex flex-col gap-4"
      aria-busy={pending || undefined}
    >
      {formError ? (
        <Alert tone="error" id="login-error">
          {formError}
        </Alert>
      ) : null}

      <Field label="Email" error={errors.email?.message}>
        <Input
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          placeholder="you@company.com"
          readOnly={pending}
          {...register("email")}
        />
      </Field>

      <Field label="Password" error={errors.password?.message}>
        <Input type="password" autoComplete="current-password" readOnly={pending} {...register("password")} />
      </Field>

      {needCode ? (
        <Field label="Two-factor code" hint="The 6-digit code from your authenticator app, or a recovery code." error={errors.code?.message}>
          <Input autoComplete="one-time-code" inputMode="text" autoCapitalize="none" spellCheck={false} readOnly={pending} {...register("code")} />
        </Field>
      ) : null}

      <Button type="submit" className="mt-1 w-full" loading={pending}>
        {pending ? "Signing in…" : needCode ? "Verify" : "Sign in"}
      </Button>
    </form>
    </>
  );
}
