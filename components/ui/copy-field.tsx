"use client";
// A secret shown once (a new API key, a setup link): a read-only field with a copy button, and the
// fallback when the browser blocks the clipboard (the value is selected for Ctrl+C / ⌘C).
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "@/components/ui/button";

export type CopyState = { copied: boolean; copyFailed: boolean; copy: (text: string) => Promise<void>; reset: () => void };

/** Copy-to-clipboard state for the field whose input has id `inputId` (selected when copying fails). */
export function useCopy(inputId: string): CopyState {
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  return {
    copied,
    copyFailed,
    async copy(text) {
      try {
        await navigator.clipboard.writeText(text);
        setCopied(true);
        setCopyFailed(false);
      } catch {
        setCopyFailed(true);
        (document.getElementById(inputId) as HTMLInputElement | null)?.select();
      }
    },
    reset() {
      setCopied(false);
      setCopyFailed(false);
    },
  };
}

/**
 * The field and its copy button. `what` names the value in the fallback message ("the key is
 * selected"); `className` lays out the row.
 */
export function CopyField({ id, label, value, copyLabel, what, state, className = "flex items-center gap-2", children }: {
  id: string; label: string; value: string; copyLabel: string; what: string; state: CopyState; className?: string; children?: React.ReactNode;
}) {
  return (
    <>
      <div className={className}>
        <label htmlFor={id} className="sr-only">{label}</label>
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="h-10 min-w-0 flex-1 rounded-md border border-border bg-muted/50 px-3 font-mono text-[13px] text-fg outline-none focus-visible:ring-2 focus-visible:ring-accent/40"
          spellCheck={false}
        />
        <Button type="button" onClick={() => state.copy(value)} variant={state.copied ? "secondary" : "primary"} aria-live="polite">
          {state.copied ? <Check aria-hidden="true" className="size-4" /> : <Copy aria-hidden="true" className="size-4" />}
          {state.copied ? "Copied" : copyLabel}
        </Button>
      </div>
      {children}
      {state.copyFailed ? <p className="text-xs text-danger">Copying was blocked by the browser: {what} is selected, press Ctrl+C / ⌘C.</p> : null}
    </>
  );
}
