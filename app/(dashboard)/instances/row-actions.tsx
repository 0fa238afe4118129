"use client";
// Row actions of the Instances and Agents tables: rename and delete (instances with a typed
// confirmation: routes and identities on the instance go with it; an agent only while nothing uses
// it). Same services as PATCH/DELETE /api/v1/instances/:id and /api/v1/agents/:id.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Pencil, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { notifyDone } from "@/components/ui/toast";
import { deleteAgentAction, deleteInstanceAction, renameAgentAction, renameInstanceAction } from "./actions";

/** Rename `what` ("instance" | "agent") `row`; the new name is checked by the same schema as the API. */
export function RenameButton({ what, row }: { what: "instance" | "agent"; row: { id: string; name: string } }) {
  const router = useRouter();
  const [name, setName] = useState(row.name);
  return (
    <ConfirmDialog
      title={`Rename ${what} ${row.name}`}
      description={what === "instance" ? "Routes, keys and identities keep pointing at it; only the name changes." : "Routes and instances using this agent keep using it; only the name changes."}
      confirmLabel="Rename"
      onOpenChange={(o) => { if (o) setName(row.name); }}
      trigger={<Button variant="ghost" size="icon-sm" aria-label={`Rename ${row.name}`} title="Rename"><Pencil aria-hidden="true" /></Button>}
      onConfirm={async () => {
        const action = what === "instance" ? renameInstanceAction : renameAgentAction;
        const res = await action({ id: row.id, name: name.trim() });
        if (!res.ok) throw new Error(res.error);
        router.refresh();
        notifyDone(`${what === "instance" ? "Instance" : "Agent"} renamed`, { description: `${row.name} is now ${name.trim()}.` });
      }}
    >
      <Field label="Name" hint="Unique, e.g. support-whatsapp.">
        <Input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" maxLength={100} />
      </Field>
    </ConfirmDialog>
  );
}

/** Delete an instance after typing its name. */
export function DeleteInstanceButton({ row }: { row: { id: string; name: string } }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title={`Delete instance ${row.name}?`}
      description="Its routes, chats and identities are deleted with it, and keys limited to it lose it. The audit log keeps a copy of the instance."
      confirmLabel="Delete instance"
      destructive
      confirmText={row.name}
      trigger={<Button variant="ghost" size="icon-sm" aria-label={`Delete ${row.name}`} title="Delete"><Trash2 aria-hidden="true" /></Button>}
      onConfirm={async () => {
        const res = await deleteInstanceAction({ id: row.id });
        if (!res.ok) throw new Error(res.error);
        router.refresh();
        notifyDone("Instance deleted", { description: `${row.name} and everything on it is gone; the audit log keeps the record.` });
      }}
    />
  );
}

/** Delete an agent; refused (the dialog shows why) while a route or an instance default uses it. */
export function DeleteAgentButton({ row }: { row: { id: string; name: string } }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title={`Delete agent ${row.name}?`}
      description="Only an agent that no route and no instance default uses can be deleted. The audit log keeps a copy of the agent."
      confirmLabel="Delete agent"
      destructive
      trigger={<Button variant="ghost" size="icon-sm" aria-label={`Delete ${row.name}`} title="Delete"><Trash2 aria-hidden="true" /></Button>}
      onConfirm={async () => {
        const res = await deleteAgentAction({ id: row.id });
        if (!res.ok) throw new Error(res.error);
        router.refresh();
        notifyDone("Agent deleted", { description: `${row.name} is gone; the audit log keeps the record.` });
      }}
    />
  );
}
