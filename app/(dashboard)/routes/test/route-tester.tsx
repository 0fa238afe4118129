"use client";
// Pick instance, chat and/or person → the winning route, the agent, the source, every candidate
// with the reason it won or lost, and warnings for ties and routes that can never win.
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { Bot, Check, CircleSlash, Database, FlaskConical, MessagesSquare, Server, User, Zap } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable, createDataTableColumnHelper } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { SearchPicker, type PickerOption } from "@/components/ui/search-picker";
import { Select } from "@/components/ui/select";
import type { ResolvedRoute } from "@/lib/routes/resolver";
import { testRouteAction } from "../actions";
import { usePickerSearches } from "../use-picker-searches";
import type { InstanceOption } from "../route-form-dialog";
import { METRICS_REFRESH_EVENT } from "../metrics-events";
import { channelLabel } from "@/lib/format/labels";
import { EmptyValue } from "@/components/ui/empty-value";

type Candidate = ResolvedRoute["candidates"][number];

const SOURCE: Record<ResolvedRoute["source"], { label: string; tone: "accent" | "success" | "neutral" | "warning"; icon: React.ReactNode; text: string }> = {
  chat: { label: "Chat route", tone: "accent", icon: <MessagesSquare aria-hidden="true" />, text: "A route for this chat decides." },
  user: { label: "Person route", tone: "success", icon: <User aria-hidden="true" />, text: "No active route for this chat; the person's route decides." },
  instanceDefault: { label: "Instance default", tone: "neutral", icon: <Server aria-hidden="true" />, text: "No active route matches; the instance's default agent answers." },
  none: { label: "Nobody", tone: "warning", icon: <CircleSlash aria-hidden="true" />, text: "No active route matches and the instance has no default agent: nobody answers." },
};

const col = createDataTableColumnHelper<Candidate>();
const columns = [
  col.display({ id: "rank", header: "#", meta: { className: "w-10" }, cell: (c) => <span className="text-fg-muted tabular-nums">{c.row.index + 1}</span> }),
  col.accessor("chosen", {
    header: "Result",
    cell: (c) => (c.getValue()
      ? <Badge tone="success"><Check aria-hidden="true" />Chosen</Badge>
      : c.row.original.neverWins ? <Badge tone="warning">Never wins</Badge> : <Badge>Not chosen</Badge>),
  }),
  col.accessor("scope", { header: "Scope", cell: (c) => (c.getValue() === "chat" ? "Chat" : "Person") }),
  col.accessor("label", { header: "Route", cell: (c) => <span className="font-medium">{c.getValue() ?? <code className="text-xs text-fg-muted">{c.row.original.routeId.slice(0, 8)}</code>}</span> }),
  col.display({ id: "agent", header: "Agent", cell: (c) => c.row.original.agent?.name ?? <EmptyValue /> }),
  col.accessor("priority", { header: "Priority", meta: { align: "right" }, cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
  col.accessor("active", { header: "Status", cell: (c) => (c.getValue() ? <Badge tone="success" dot>Active</Badge> : <Badge dot>Inactive</Badge>) }),
  col.accessor("reason", { header: "Why", meta: { className: "min-w-72" }, cell: (c) => <span className="text-[13px] leading-5 text-fg-muted">{c.getValue()}</span> }),
];

export function RouteTester({ instances, initial, autoRun }: {
  instances: InstanceOption[];
  initial: { instanceId: string | null; chat: PickerOption | null; person: PickerOption | null };
  autoRun: boolean;
}) {
  const [instanceId, setInstanceId] = useState(initial.instanceId ?? "");
  const [chat, setChat] = useState<PickerOption | null>(initial.chat);
  const [person, setPerson] = useState<PickerOption | null>(initial.person);
  const [result, setResult] = useState<ResolvedRoute | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const ran = useRef(false);

  const run = useCallback(() => {
    setError(null);
    start(async () => {
      const res = await testRouteAction({ instanceId, chatId: chat?.value ?? null, personId: person?.value ?? null });
      if (res.ok) {
        setResult(res.data);
        window.dispatchEvent(new Event(METRICS_REFRESH_EVENT));
      }
      else {
        setResult(null);
        setError(res.fields?.instanceId?.[0] ?? res.error);
      }
    });
  }, [instanceId, chat, person]);

  useEffect(() => {
    if (autoRun && !ran.current) {
      ran.current = true;
      run();
    }
  }, [autoRun, run]);

  const { searchChats, searchPersons } = usePickerSearches(instanceId);

  if (!instances.length) {
    return (
      <EmptyState icon={<FlaskConical />} title="Nothing to test yet"
        description="Add an instance and an agent under Instances & agents, route a chat to the agent, then test it here."
        action={<Link href="/instances" className="text-sm font-medium text-accent hover:underline">Go to Instances & agents</Link>} />
    );
  }

  const src = result ? SOURCE[result.source] : null;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Who is writing?</CardTitle>
            <CardDescription>The same lookup the hub makes for each incoming message. Chat and person are both optional.</CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          <form className="grid items-end gap-4 md:grid-cols-2 xl:grid-cols-[1fr_1fr_1fr_auto]" onSubmit={(e) => { e.preventDefault(); run(); }} aria-label="Route test">
            <Field label="Instance" required>
              <Select placeholder="Choose an instance" value={instanceId}
                options={instances.map((i) => ({ value: i.id, label: `${i.name} (${channelLabel(i.channel)})` }))}
                onChange={(e) => { setInstanceId(e.target.value); setChat(null); setResult(null); }} />
            </Field>
            <Field label="Chat">
              <SearchPicker value={chat?.value ?? null} selected={chat} onChange={setChat} search={searchChats} disabled={!instanceId}
                placeholder="Search chats by title…" emptyText="No chat with that title on this instance." />
            </Field>
            <Field label="Person">
              <SearchPicker value={person?.value ?? null} selected={person} onChange={setPerson} search={searchPersons}
                placeholder="Name or full phone number…" emptyText="No person with that name or phone." />
            </Field>
            <Button type="submit" className="w-full xl:w-auto" loading={pending} disabled={!instanceId}>
              <FlaskConical aria-hidden="true" />
              Resolve
            </Button>
          </form>
        </CardContent>
      </Card>

      <div className="min-w-0 space-y-4" aria-live="polite">
        {error ? <Alert tone="error" title="Could not resolve">{error}</Alert> : null}
        {!result && !error ? (
          <EmptyState icon={<Bot />} title="Pick who is writing"
            description="Choose an instance and a chat, a person or both, then Resolve. You'll see the agent that answers and why." />
        ) : null}
        {result && src ? (
          <>
            <Card data-testid="resolution">
              <CardContent className="flex flex-wrap items-start justify-between gap-4 pt-5">
                <div className="min-w-0">
                  <p className="text-xs font-medium tracking-wide text-fg-muted uppercase">Answered by</p>
                  <p className="mt-1 text-2xl leading-8 font-semibold tracking-tight text-fg" data-testid="winning-agent">
                    {result.agent?.name ?? "Nobody"}
                  </p>
                  <p className="mt-1 text-[13px] text-fg-muted">{src.text}</p>
                  {result.route ? (
                    <p className="mt-2 text-[13px] text-fg">
                      Route <span className="font-medium" data-testid="winning-route">{result.route.label ?? result.route.id.slice(0, 8)}</span>
                      {" · "}priority {result.route.priority}
                      {result.route.timeout ? ` · timeout ${result.route.timeout}s` : ""}
                      {result.route.stream ? " · streams" : ""}
                      {result.route.gate ? ` · gated${result.route.gateModel ? ` by ${result.route.gateModel}` : ""}` : ""}
                    </p>
                  ) : null}
                </div>
                <div className="flex flex-col items-end gap-2">
                  <Badge tone={src.tone} data-testid="resolution-source">{src.icon}{src.label}</Badge>
                  <span className="inline-flex items-center gap-1 text-xs text-fg-muted">
                    {result.cached ? <Zap aria-hidden="true" className="size-3.5" /> : <Database aria-hidden="true" className="size-3.5" />}
                    {result.cached ? "Served from the cache" : "Fresh lookup"}
                  </span>
                </div>
              </CardContent>
            </Card>
            {result.warnings.map((w, i) => (
              <Alert key={i} tone="warning" title={w.kind === "tie" ? "Tie" : w.kind === "noIdentity" ? "Person not on this instance" : "Can never win"}>{w.message}</Alert>
            ))}
            <Card>
              <CardHeader>
                <div>
                  <CardTitle>Candidates</CardTitle>
                  <CardDescription>
                    {result.candidates.length
                      ? "Every route for this chat or person on the instance, in precedence order, and why it won or lost."
                      : "No route names this chat or person on the instance."}
                  </CardDescription>
                </div>
              </CardHeader>
              <CardContent>
                <DataTable label="Candidate routes" columns={columns} data={result.candidates} getRowId={(r) => r.routeId} enableSorting={false}
                  empty={<EmptyState bare icon={<MessagesSquare />} title="No candidates"
                    description={result.source === "instanceDefault" ? "The instance's default agent answers." : "Add a route for this chat or person."} />} />
              </CardContent>
            </Card>
          </>
        ) : null}
      </div>
    </div>
  );
}
