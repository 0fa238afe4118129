"use client";
// react-hook-form + the shared zod schema + a server action returning ActionResult: field errors
// from the server land on their fields, other errors in `serverError` (an ended session as a
// sign-in-again link back to this page); nothing typed is lost: the form is never reset on errors.
import { useState, type ReactNode } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/validated-action";
import { actionErrorMessage } from "./session-ended";

export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, T>(opts: {
  schema: S;
  defaultValues: DefaultValues<z.input<S>>;
  action: (input: z.output<S>) => Promise<ActionResult<T>>;
  onSuccess?: (data: T) => void;
}) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(opts.schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues: opts.defaultValues,
  });
  const [serverError, setServerError] = useState<ReactNode>(null);

  const onSubmit = form.handleSubmit(async (values) => {
    setServerError(null);
    let res: ActionResult<T>;
    try {
      res = await opts.action(values);
    } catch {
      setServerError("Could not reach the server. Check your connection and try again.");
      return;
    }
    if (res.ok) {
      opts.onSuccess?.(res.data);
      return;
    }
    let placed = false;
    for (const [field, messages] of Object.entries(res.fields ?? {})) {
      if (field === "_") continue;
      form.setError(field as Path<z.input<S>>, { message: messages[0] });
      placed = true;
    }
    setServerError(placed && res.code === "VALIDATION_ERROR" ? null : actionErrorMessage(res));
  });

  return { form, onSubmit, serverError, setServerError };
}
