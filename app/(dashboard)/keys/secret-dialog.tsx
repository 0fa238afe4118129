"use client";
// The raw key, shown exactly once (after create or roll), with a copy button.
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { IssuedKey } from "./types";

export function SecretDialog({ issued, onClose, rolled }: { issued: IssuedKey | null; onClose: () => void; rolled?: boolean }) {
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  async function copy() {
    if (!issued) return;
    try {
      await navigator.clipboard.writeText(issued.key);
      setCopied(true);
      setCopyFailed(false);
    } catch {
      setCopyFailed(true);
      (document.getElementById("issued-key") as HTMLInputElement | null)?.select();
    }
  }
  return (
    <Dialog open={!!issued} onOpenChange={(o) => { if (!o) { setCopied(false); onClose(); } }}>
      <DialogContent size="lg" onInteractOutside={(e) => e.preventDefault()}>
        <DialogHeader>
          <DialogTitle>{rolled ? "Your replacement key" : "Your new API key"}</DialogTitle>
          <DialogDescription>
            {issued ? <>Key <span className="font-medium text-fg">{issued.name}</span> is ready. Use it as <code className="font-mono text-xs">Authorization: Bearer …</code></> : null}
          </DialogDescription>
        </DialogHeader>
        <DialogBody className="space-y-4">
          <Alert tone="warning" title="Copy it now: it will not be shown again">
            Only a hash of the key is stored, so nobody can show it to you later. If it is lost, roll the key to get a new one.
          </Alert>
          <div className="flex items-center gap-2">
            <label htmlFor="issued-key" className="sr-only">API key</label>
            <input
              id="issued-key"
              readOnly
              value={issued?.key ?? ""}
              onFocus={(e) => e.currentTarget.select()}
              className="h-10 min-w-0 flex-1 rounded-md border border-border bg-muted/50 px-3 font-mono text-[13px] text-fg outline-none focus-visible:ring-2 focus-visible:ring-accent/40"
              spellCheck={false}
            />
            <Button type="button" onClick={copy} variant={copied ? "secondary" : "primary"} aria-live="polite">
              {copied ? <Check aria-hidden="true" className="size-4" /> : <Copy aria-hidden="true" className="size-4" />}
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          {copyFailed ? <p className="text-xs text-danger">Copying was blocked by the browser: the key is selected, press Ctrl+C / ⌘C.</p> : null}
        </DialogBody>
        <DialogFooter>
          <Button type="button" variant={copied ? "primary" : "secondary"} onClick={() => { setCopied(false); onClose(); }}>
            {copied ? "Done" : "I have stored it"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
