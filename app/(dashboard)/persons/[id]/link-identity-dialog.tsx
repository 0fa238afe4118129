"use client";
// Link one of this person's identities with an identity of another person: the other person is
// merged into this one (every identity always belongs to exactly one person).
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Link2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { PersonPicker, type PickedPerson } from "@/components/persons/person-picker";
import { channelLabel } from "@/components/persons/channel-badge";
import { linkAction } from "../actions";
import { revertAction } from "../../audit/actions";
import { notifyDone } from "@/components/ui/toast";

type Identity = { id: string; channel: string; platformUserId: string; platformUsername: string | null };

export function LinkIdentityDialog({ personId, personName, identities }: { personId: string; personName: string; identities: { id: string; label: string }[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [mine, setMine] = useState(identities[0]?.id ?? "");
  const [other, setOther] = useState<PickedPerson | null>(null);
  const [theirs, setTheirs] = useState<Identity[]>([]);
  const [theirId, setTheirId] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!other) return;
    const ctl = new AbortController();
    fetch(`/api/v1/persons/${other.id}`, { signal: ctl.signal })
      .then((r) => r.json())
      .then((b: { data?: { identities: Identity[] } }) => {
        const list = b.data?.identities ?? [];
        setTheirs(list);
        setTheirId(list[0]?.id ?? "");
      })
      .catch(() => {});
    return () => ctl.abort();
  }, [other]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!mine || !theirId) return;
    setPending(true);
    setError(null);
    const res = await linkAction({ identityA: mine, identityB: theirId, reason: reason.trim() || null }).catch(() => null);
    setPending(false);
    if (!res) return setError("Could not reach the server. Try again.");
    if (!res.ok) return setError(res.error);
    setOpen(false);
    router.refresh();
    const moved = theirs.length;
    const { auditEventId } = res.data;
    notifyDone(`${other?.displayName || "The other person"} merged into ${personName}`, {
      description: `${moved === 1 ? "Their 1 identity" : `All ${moved} of their identities`} now belong to ${personName}.`,
      undo: { run: () => revertAction({ id: auditEventId, reason: "Undo link" }), done: "Link undone: the other person is back", after: router.refresh },
    });
  }

  return (
    <Dialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) { setOther(null); setTheirs([]); setTheirId(""); setReason(""); setError(null); } }}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm"><Link2 aria-hidden="true" /> Link identity</Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} noValidate>
          <DialogHeader>
            <DialogTitle>Link an identity</DialogTitle>
            <DialogDescription>
              Linking merges the other person into {personName}: <strong className="font-medium text-fg">all</strong> of their identities move here,
              not only the one you pick, and the other person is gone. The audit log records it as a merge you can revert.
            </DialogDescription>
          </DialogHeader>
          <DialogBody className="space-y-4">
            {error ? <Alert tone="error">{error}</Alert> : null}
            <Field label="This person's identity">
              <Select value={mine} onChange={(e) => setMine(e.target.value)} options={identities.map((i) => ({ value: i.id, label: i.label }))} />
            </Field>
            <PersonPicker label="Other person" value={other} onChange={setOther} exclude={personId} />
            {other && theirs.length > 1 ? (
              <Alert tone="warning">
                {other.displayName || "This person"} has {theirs.length} identities: all {theirs.length} move to {personName}.
              </Alert>
            ) : null}
            {other ? (
              <Field label="Their identity to match" hint="The pair the audit log records as linked; every identity of theirs moves.">
                <Select value={theirId} onChange={(e) => setTheirId(e.target.value)} placeholder={theirs.length ? undefined : "This person has no identities"}
                  options={theirs.map((i) => ({ value: i.id, label: `${channelLabel(i.channel)} · ${i.platformUsername ?? i.platformUserId}` }))} />
              </Field>
            ) : null}
            <Field label="Reason">
              <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Same customer, confirmed by phone" />
            </Field>
          </DialogBody>
          <DialogFooter>
            <DialogClose asChild><Button type="button" variant="ghost">Cancel</Button></DialogClose>
            <Button type="submit" loading={pending} disabled={!mine || !theirId}>Link identities</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
