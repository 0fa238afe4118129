"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Undo2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { notifyDone } from "@/components/ui/toast";
import { revertAction } from "../actions";

const WHAT: Record<string, string> = {
  "person.merge": "The merged person is restored with its identities, routes and fields; the kept person gets back what it had.",
  "identity.link": "The linked person is restored with its identities, routes and fields.",
  "identity.unlink": "The identity goes back to the person it was unlinked from, and the person created for it is removed.",
};

export function RevertButton({ eventId, action }: { eventId: string; action: string }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  return (
    <ConfirmDialog
      title="Revert this change?"
      description={`${WHAT[action] ?? ""} If anything changed since that conflicts, nothing is reverted and you are told why. The revert is itself audited.`}
      confirmLabel="Revert"
      destructive
      trigger={<Button variant="danger" size="sm"><Undo2 aria-hidden="true" /> Revert</Button>}
      onConfirm={async () => {
        const res = await revertAction({ id: eventId, reason: reason.trim() || null });
        if (!res.ok) throw new Error(res.error);
        router.refresh();
        notifyDone("Change reverted", {
          description: "The revert is itself an audit event.",
          open: { label: "View revert event", href: `/audit/${res.data.auditEventId}`, go: router.push },
        });
      }}
    >
      <div className="space-y-1.5">
        <Label htmlFor="revert-reason">Reason</Label>
        <Input id="revert-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Different people after all" />
      </div>
    </ConfirmDialog>
  );
}
