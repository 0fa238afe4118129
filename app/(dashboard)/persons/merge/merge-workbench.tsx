"use client";
import { count } from "@/lib/format/count";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { ArrowLeftRight, ArrowRight, GitMerge, Route as RouteIcon, TriangleAlert } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { Skeleton } from "@/components/ui/skeleton";
import { Avatar } from "@/components/ui/avatar";
import { PersonPicker, type PickedPerson } from "@/components/persons/person-picker";
import { ChannelBadge } from "@/components/persons/channel-badge";
import { cn } from "@/lib/utils/cn";
import { mergeAction, previewMergeAction } from "../actions";
import { revertAction } from "../../audit/actions";
import { notifyDone } from "@/components/ui/toast";

type Identity = { id: string; channel: string; platformUserId: string; platformUsername: string | null; instance: { name: string } };
type PersonView = { id: string; displayName: string | null; primaryPhone: string | null; primaryEmail: string | null; avatarUrl: string | null; metadata: unknown; identities: Identity[] };
type Preview = {
  source: PersonView; target: PersonView; fields: Record<string, unknown>;
  routes: { id: string; label: string | null; priority: number; active: boolean; conflict: boolean; instance: { name: string }; agent: { name: string } }[];
};

const FIELDS = [
  ["displayName", "Display name"], ["primaryPhone", "Phone"], ["primaryEmail", "Email"], ["avatarUrl", "Avatar URL"], ["metadata", "Metadata"],
] as const;
const show = (v: unknown) => (v === null || v === undefined || v === "" ? null : typeof v === "object" ? JSON.stringify(v) : String(v));

function Value({ v, className }: { v: unknown; className?: string }) {
  const s = show(v);
  return s ? <span className={cn("break-all", className)}>{s}</span> : <span className="text-fg-muted italic">empty</span>;
}

function PersonColumn({ title, tone, person, moving }: { title: string; tone: "danger" | "success"; person: PersonView; moving?: boolean }) {
  return (
    <Card className="min-w-0">
      <CardHeader className="flex-row items-center justify-start gap-3">
        <Avatar src={person.avatarUrl} name={person.displayName} seed={person.id} />
        <div className="min-w-0">
          <Badge tone={tone}>{title}</Badge>
          <CardTitle className="mt-1 truncate">{person.displayName || "Unnamed"}</CardTitle>
        </div>
      </CardHeader>
      <CardContent className="space-y-2">
        <p className="text-xs font-medium text-fg-muted">{count(person.identities.length, "identity")}{moving && person.identities.length ? " — all move to the target" : ""}</p>
        {person.identities.length ? (
          <ul className="space-y-1.5">
            {person.identities.map((i) => (
              <li key={i.id} className="flex items-center gap-2 text-[13px]">
                <ChannelBadge channel={i.channel} />
                <span className="truncate">{i.platformUsername ?? i.platformUserId}</span>
                <span className="ml-auto shrink-0 text-xs text-fg-muted">{i.instance.name}</span>
              </li>
            ))}
          </ul>
        ) : <p className="text-[13px] text-fg-muted italic">No identities</p>}
      </CardContent>
    </Card>
  );
}

export function MergeWorkbench({ initialSource, initialTarget }: { initialSource: PickedPerson | null; initialTarget: PickedPerson | null }) {
  const router = useRouter();
  const [source, setSource] = useState<PickedPerson | null>(initialSource);
  const [target, setTarget] = useState<PickedPerson | null>(initialTarget);
  const [result, setResult] = useState<{ key: string; preview?: Preview; error?: string } | null>(null);
  const [reason, setReason] = useState("");
  const key = source && target && source.id !== target.id ? `${source.id}:${target.id}` : null;
  const current = result && result.key === key ? result : null;
  const preview = current?.preview ?? null;
  const loading = !!key && !current;
  const error = source && target && source.id === target.id
    ? "Source and target are the same person: pick two different persons."
    : current?.error ?? null;

  useEffect(() => {
    if (!key) return;
    const [sourceId, targetId] = key.split(":");
    let live = true;
    previewMergeAction({ sourceId, targetId }).then((res) => {
      if (live) setResult(res.ok ? { key, preview: res.data as unknown as Preview } : { key, error: res.error });
    });
    window.history.replaceState(null, "", `/persons/merge?${new URLSearchParams({ source: sourceId, target: targetId })}`);
    return () => { live = false; };
  }, [key]);

  const conflicts = preview?.routes.filter((r) => r.conflict) ?? [];
  return (
    <div className="space-y-6">
      <Card>
        <CardContent className="grid items-end gap-4 pt-5 md:grid-cols-[1fr_auto_1fr]">
          <PersonPicker label="Source (merged away)" value={source} onChange={setSource} exclude={target?.id} autoFocus={!source} />
          <Button type="button" variant="ghost" size="icon" aria-label="Swap source and target" className="mb-1 justify-self-center"
            onClick={() => { setSource(target); setTarget(source); }} disabled={!source && !target}>
            <ArrowLeftRight aria-hidden="true" />
          </Button>
          <PersonPicker label="Target (kept)" value={target} onChange={setTarget} exclude={source?.id} />
        </CardContent>
      </Card>

      {error ? <Alert tone="error">{error}</Alert> : null}
      {loading ? <div className="grid gap-4 md:grid-cols-2"><Skeleton className="h-48" /><Skeleton className="h-48" /></div> : null}
      {!source || !target ? (
        <p className="text-[13px] text-fg-muted">Choose both persons to see a preview of what moves. Nothing changes until you confirm.</p>
      ) : null}

      {preview ? (
        <section aria-label="Merge preview" className="space-y-6">
          <div className="grid items-start gap-4 md:grid-cols-[1fr_auto_1fr]">
            <PersonColumn title="Source · deleted" tone="danger" person={preview.source} moving />
            <ArrowRight aria-hidden="true" className="hidden size-5 self-center text-fg-muted md:block" />
            <PersonColumn title="Target · kept" tone="success" person={preview.target} />
          </div>

          <Card>
            <CardHeader>
              <CardTitle>Fields</CardTitle>
              <CardDescription>The target keeps its values; its empty fields are filled from the source.</CardDescription>
            </CardHeader>
            <CardContent>
              <div className="overflow-x-auto rounded-lg border border-border">
                <table className="w-full text-[13px]" aria-label="Fields after the merge">
                  <thead className="bg-muted/50 text-xs text-fg-muted">
                    <tr><th className="px-4 py-2 text-left font-medium">Field</th><th className="px-4 py-2 text-left font-medium">Source</th><th className="px-4 py-2 text-left font-medium">Target now</th><th className="px-4 py-2 text-left font-medium">After merge</th></tr>
                  </thead>
                  <tbody>
                    {FIELDS.map(([k, label]) => {
                      const filled = k in preview.fields;
                      const after = filled ? preview.fields[k] : preview.target[k];
                      return (
                        <tr key={k} className="border-t border-border align-top">
                          <td className="px-4 py-2 font-medium">{label}</td>
                          <td className="px-4 py-2"><Value v={preview.source[k]} /></td>
                          <td className="px-4 py-2"><Value v={preview.target[k]} /></td>
                          <td className={cn("px-4 py-2", filled && "bg-success/10")}>
                            <Value v={after} />{filled ? <Badge tone="success" className="ml-2">from source</Badge> : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Routes</CardTitle>
              <CardDescription>User-scope routes that target the source are re-pointed to the target.</CardDescription>
            </CardHeader>
            <CardContent className="space-y-3">
              {conflicts.length ? (
                <Alert tone="warning" title={count(conflicts.length, "conflicting route")}>
                  The target already has an active route on the same instance: these are re-pointed but turned off, so the target&apos;s route keeps answering.
                </Alert>
              ) : null}
              {preview.routes.length ? (
                <ul className="divide-y divide-border rounded-lg border border-border">
                  {preview.routes.map((r) => (
                    <li key={r.id} className="flex items-center justify-between gap-3 px-4 py-2.5 text-[13px]">
                      <span className="min-w-0 truncate">{r.label || r.agent.name} <span className="text-fg-muted">· {r.instance.name} → {r.agent.name} · priority {r.priority}</span></span>
                      {r.conflict ? <Badge tone="warning"><TriangleAlert aria-hidden="true" /> Conflict: turned off</Badge> : <Badge tone="accent">Re-pointed</Badge>}
                    </li>
                  ))}
                </ul>
              ) : <p className="flex items-center gap-2 text-[13px] text-fg-muted"><RouteIcon className="size-4" aria-hidden="true" /> No routes target the source.</p>}
            </CardContent>
          </Card>

          <Card>
            <CardContent className="flex flex-col gap-4 pt-5 md:flex-row md:items-end">
              <Field label="Reason" hint="Shown in the audit log next to the merge." className="flex-1">
                <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Same phone number, confirmed with the customer" />
              </Field>
              <ConfirmDialog
                title={`Merge ${preview.source.displayName || "this person"} into ${preview.target.displayName || "the target"}?`}
                description={`${count(preview.source.identities.length, "identity")} ${preview.source.identities.length === 1 ? "moves" : "move"} to the target and the source is deleted. The audit log keeps a snapshot of both, so a team lead can revert it.`}
                confirmLabel="Merge"
                destructive
                trigger={<Button><GitMerge aria-hidden="true" /> Merge persons</Button>}
                onConfirm={async () => {
                  const res = await mergeAction({ sourceId: preview.source.id, targetId: preview.target.id, reason: reason.trim() || null });
                  if (!res.ok) throw new Error(res.error);
                  const { personId, auditEventId, moved } = res.data;
                  const source = preview.source.displayName || "The source person";
                  router.push(`/persons/${personId}`);
                  notifyDone(`${source} merged into ${preview.target.displayName || "the target"}`, {
                    description: `${count(moved, "identity")} moved; the source person is gone.`,
                    undo: { run: () => revertAction({ id: auditEventId, reason: "Undo merge" }), done: "Merge undone: both persons are back", after: router.refresh },
                  });
                }}
              />
            </CardContent>
          </Card>
        </section>
      ) : null}
    </div>
  );
}
