"use client";

import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { cn } from "@/lib/utils/cn";
import { Alert } from "./alert";
import { Button } from "./button";
import { overlayClasses, panelClasses } from "./dialog";
import { Input } from "./input";

export interface ConfirmDialogProps {
  title: ReactNode;
  description?: ReactNode;
  /** Extra content between the description and the buttons. */
  children?: ReactNode;
  /** Confirm button text. Default "Confirm". */
  confirmLabel?: string;
  /** Default "Cancel". */
  cancelLabel?: string;
  /** Red confirm button for irreversible actions. */
  destructive?: boolean;
  /** When set, the user must type this exact text (e.g. the resource name) to enable confirm. */
  confirmText?: string;
  /**
   * Runs on confirm. May be async: the dialog shows a pending state and closes when it resolves.
   * If it throws, the error message is shown inside the dialog and it stays open.
   */
  onConfirm: () => void | Promise<unknown>;
  /** Uncontrolled usage: the element that opens the dialog (rendered asChild). */
  trigger?: ReactNode;
  /** Controlled usage. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

export function ConfirmDialog({
  title,
  description,
  children,
  confirmLabel = "Confirm",
  cancelLabel = "Cancel",
  destructive = false,
  confirmText,
  onConfirm,
  trigger,
  open: openProp,
  onOpenChange,
}: ConfirmDialogProps) {
  const [openState, setOpenState] = useState(false);
  const [pending, setPending] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const open = openProp ?? openState;
  const needsText = confirmText !== undefined && confirmText !== "";
  const canConfirm = !pending && (!needsText || typed === confirmText);

  function setOpen(next: boolean) {
    if (pending && !next) return; // don't dismiss mid-request
    if (!next) {
      setTyped("");
      setError(null);
    }
    if (openProp === undefined) setOpenState(next);
    onOpenChange?.(next);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canConfirm) return;
    setError(null);
    setPending(true);
    try {
      await onConfirm();
      setPending(false);
      setTyped("");
      if (openProp === undefined) setOpenState(false);
      onOpenChange?.(false);
    } catch (err) {
      setPending(false);
      setError(err instanceof Error && err.message ? err.message : "Something went wrong. Please try again.");
    }
  }

  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      {trigger ? <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger> : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlayClasses} />
        <AlertDialog.Content
          className={cn(panelClasses, "max-w-md")}
          {...(description ? {} : { "aria-describedby": undefined })}
          onOpenAutoFocus={(event) => {
            if (!needsText) return; // default: focus Cancel, the safe choice
            event.preventDefault();
            inputRef.current?.focus();
          }}
        >
          <form onSubmit={handleSubmit} aria-busy={pending || undefined}>
            <div className="flex flex-col gap-2 px-6 pt-5 pb-5">
              <AlertDialog.Title className="text-base leading-6 font-semibold tracking-tight text-fg">{title}</AlertDialog.Title>
              {description ? (
                <AlertDialog.Description className="text-[13px] leading-5 text-fg-muted">{description}</AlertDialog.Description>
              ) : null}
              {children ? <div className="mt-1 text-[13px] text-fg">{children}</div> : null}
              {needsText ? (
                <div className="mt-2 flex flex-col gap-1.5">
                  <label htmlFor={inputId} className="text-[13px] text-fg-muted">
                    Type <span className="font-mono font-medium text-fg select-all">{confirmText}</span> to confirm.
                  </label>
                  <Input
                    id={inputId}
                    ref={inputRef}
                    value={typed}
                    onChange={(e) => setTyped(e.target.value)}
                    autoComplete="off"
                    autoCapitalize="off"
                    spellCheck={false}
                    disabled={pending}
                  />
                </div>
              ) : null}
              {error ? (
                <Alert tone="error" className="mt-2">
                  {error}
                </Alert>
              ) : null}
            </div>
            <div className="flex items-center justify-end gap-2 border-t border-border bg-muted/40 px-6 py-3.5">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary" disabled={pending}>
                  {cancelLabel}
                </Button>
              </AlertDialog.Cancel>
              <Button type="submit" variant={destructive ? "danger" : "primary"} disabled={!canConfirm} loading={pending}>
                {confirmLabel}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
