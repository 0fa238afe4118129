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

/** A refused stale edit: the record as it is now and its version (what "keep mine" saves over). */
export type EditConflict = { current: Record<string, unknown>; version: string | undefined };

/**
 * `version` is the record's version as the form loaded it; `action` gets it back with the values,
 * so the server refuses an edit of a record changed meanwhile (PRECONDITION_FAILED). Then
 * `conflict` holds the current record; the form's values stay as typed. `keepMine()` adopts the
 * current version (the next submit saves over it); `setVersion` after loading the current values.
 */
export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, T>(opts: {
  schema: S;
  defaultValues: DefaultValues<z.input<S>>;
  action: (input: z.output<S>, version: string | undefined) => Promise<ActionResult<T>>;
  onSuccess?: (data: T) => void;
  version?: string;
}) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(opts.schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues: opts.defaultValues,
  });
  const [serverError, setServerError] = useState<ReactNode>(null);
  const [version, setVersion] = useState(opts.version);
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  const keepMine = () => {
    if (conflict) setVersion(conflict.version);
    setConflict(null);
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setServerError(null);
    setConflict(null);
    let res: ActionResult<T>;
    try {
      res = await opts.action(values, version);
    } catch {
      setServerError("Could not reach the server. Check your connection and try again.");
      return;
    }
    if (res.ok) {
      opts.onSuccess?.(res.data);
      return;
    }
    if (res.code === "PRECONDITION_FAILED" && res.current && typeof res.current === "object") {
      setConflict({ current: res.current as Record<string, unknown>, version: res.version });
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

  return { form, onSubmit, serverError, setServerError, conflict, setConflict, keepMine, version, setVersion };
}
