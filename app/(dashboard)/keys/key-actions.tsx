"use client";
// Revoke (with a reason), roll (optional grace period) and delete (permanent) confirmations.
import { notifyDone } from "@/components/ui/toast";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions/validated-action";
import { deleteKeyAction, revokeKeyAction, rollKeyAction } from "./actions";
import type { IssuedKey, KeyRow } from "./types";

async function must<T>(p: Promise<ActionResult<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

export function RevokeDialog({ row, onClose, onDone }: { row: KeyRow | null; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState("");
  return (
    <ConfirmDialog
      open={!!row}
      onOpenChange={(o) => { if (!o) { setReason(""); onClose(); } }}
      title={`Revoke ${row?.name ?? ""}?`}
      description="The key stops working immediately. It stays in the list, marked revoked, with your name, the time and the reason."
      confirmLabel="Revoke key"
      destructive
      onConfirm={async () => {
        await must(revokeKeyAction({ id: row!.id, reason: reason.trim() || null }));
        setReason("");
        onDone();
        notifyDone(`${row!.name} revoked`, { description: "The key stops working now. Revoking cannot be undone: create or roll a key to replace it." });
      }}
    >
      <Field label="Reason" hint="Shown in the key list and the audit log.">
        <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. laptop lost, contractor left" maxLength={500} />
      </Field>
    </ConfirmDialog>
  );
}

const GRACE = [
  { value: "0", label: "Revoke the old key now" },
  { value: "300", label: "Keep the old key working for 5 minutes" },
  { value: "3600", label: "Keep the old key working for 1 hour" },
  { value: "86400", label: "Keep the old key working for 24 hours" },
  { value: "604800", label: "Keep the old key working for 7 days" },
];

export function RollDialog({ row, onClose, onRolled }: { row: KeyRow | null; onClose: () => void; onRolled: (k: IssuedKey) => void }) {
  const [grace, setGrace] = useState("0");
  return (
    <ConfirmDialog
      open={!!row}
      onOpenChange={(o) => { if (!o) { setGrace("0"); onClose(); } }}
      title={`Roll ${row?.name ?? ""}?`}
      description="A new key with the same name, scopes, instances, rate limit and expiry replaces this one. You will see the new key once."
      confirmLabel="Roll key"
      onConfirm={async () => {
        const k = await must(rollKeyAction({ id: row!.id, gracePeriodSeconds: Number(grace) }));
        setGrace("0");
        onRolled(k);
      }}
    >
      <Field label="Old key" hint="A grace period lets running deployments switch over without failed requests.">
        <Select options={GRACE} value={grace} onChange={(e) => setGrace(e.target.value)} />
      </Field>
    </ConfirmDialog>
  );
}

export function DeleteDialog({ row, onClose, onDone }: { row: KeyRow | null; onClose: () => void; onDone: () => void }) {
  return (
    <ConfirmDialog
      open={!!row}
      onOpenChange={(o) => { if (!o) onClose(); }}
      title={`Delete ${row?.name ?? ""} permanently?`}
      description={
        <>
          <strong className="font-medium text-fg">Revoking is usually what you want</strong>: a revoked key stops working just the same,
          and stays listed with who revoked it, when and why. Deleting removes the key and its usage history for good
          (the audit log keeps the record).
        </>
      }
      confirmLabel="Delete permanently"
      destructive
      confirmText={row?.name}
      onConfirm={async () => {
        await must(deleteKeyAction({ id: row!.id }));
        onDone();
        notifyDone(`${row!.name} deleted`, { description: "The audit log keeps the record." });
      }}
    />
  );
}
