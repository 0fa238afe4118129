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

export interface LoginFormProps {
  /** Validated as a same-origin path by the page (and again here, against the page's own origin). */
  callbackUrl: string;
  initialError?: string | null;
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

export function LoginForm({ callbackUrl, initialError = null }: LoginFormProps) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(initialError);
  const [redirecting, setRedirecting] = useState(false);
  const {
    register,
    handleSubmit,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<LoginInput>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: "", password: "" },
  });

  const onSubmit = handleSubmit(async ({ email, password }) => {
    setFormError(null);
    let error: string | null = null;
    try {
      const res = await signIn("credentials", { email, password, redirect: false });
      if (!res) error = "Sign-in failed. Please try again.";
      else if (res.error) error = toUserMessage(res.error);
    } catch {
      error = "Could not reach the server. Check your connection and try again.";
    }
    if (error) {
      setFormError(error);
      setFocus("password", { shouldSelect: true });
      return;
    }
    setRedirecting(true); // keep the pending state until the next page replaces this one
    router.replace(safeCallbackPath(callbackUrl, window.location.origin));
    router.refresh();
  });

  const pending = isSubmitting || redirecting;

  return (
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

      <Button type="submit" className="mt-1 w-full" loading={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
