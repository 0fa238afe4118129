// One endpoint of the API reference: method, path, scope, parameters, body, responses.
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils/cn";
import { SchemaTable, typeLabel } from "./schema-table";
import { ScrollRegion } from "@/components/ui/scroll-region";

export type Op = {
  operationId: string; summary: string; description?: string; "x-required-scope": string; "x-contract-addition"?: boolean;
  "x-instance-restricted"?: boolean;
  parameters?: ({ name: string; in: string; required?: boolean; schema?: Record<string, unknown>; description?: string } | { $ref: string })[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown>; example?: unknown }> };
  responses: Record<string, { description?: string; $ref?: string }>;
};

/** Text with `code` spans (the registry's descriptions use backticks). */
export function InlineCode({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) =>
        i % 2 ? <code key={i} className="rounded bg-muted px-1 py-px font-mono text-[0.92em] text-fg">{part}</code> : part,
      )}
    </>
  );
}

const METHOD_TONE: Record<string, string> = {
  GET: "bg-success/10 text-success ring-success/25",
  POST: "bg-accent/10 text-accent ring-accent/25",
  PATCH: "bg-warning/10 text-warning ring-warning/25",
  PUT: "bg-warning/10 text-warning ring-warning/25",
  DELETE: "bg-danger/10 text-danger ring-danger/25",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span className={cn("inline-flex h-5 w-14 shrink-0 items-center justify-center rounded font-mono text-[11px] font-semibold ring-1 ring-inset", METHOD_TONE[method])}>
      {method}
    </span>
  );
}

export function Operation({ method, path, op, errors }: { method: string; path: string; op: Op; errors: Record<string, string> }) {
  const scope = op["x-required-scope"];
  const params = (op.parameters ?? []).filter((p): p is Exclude<typeof p, { $ref: string }> => !("$ref" in p));
  const idempotent = (op.parameters ?? []).some((p) => "$ref" in p);
  const body = op.requestBody?.content["application/json"];
  return (
    <section id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="scroll-mt-20 rounded-lg border border-border bg-surface shadow-[var(--shadow-sm)]">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-border px-4 py-3">
        <MethodBadge method={method} />
        <code className="min-w-0 break-all font-mono text-[13px] font-medium text-fg">{path}</code>
        <span className="flex-1" />
        {op["x-contract-addition"] ? <Badge tone="accent">addition</Badge> : null}
        <Badge className="font-mono" tone={scope === "public" ? "success" : "neutral"}>{scope === "public" ? "no auth" : scope === "authenticated" ? "any key" : scope === "session" ? "signed-in user" : scope}</Badge>
      </header>
      <div className="space-y-4 px-4 py-3">
        <div>
          <h3 id={`${op.operationId}-title`} className="text-sm font-semibold text-fg">{op.summary}</h3>
          {op.description ? <p className="mt-1 text-[13px] leading-5 text-fg-muted"><InlineCode text={op.description} /></p> : null}
          {op["x-instance-restricted"] ? <p className="mt-1 text-xs text-fg-muted">Instance-restricted keys see only their instances&apos; rows here.</p> : null}
        </div>
        {params.length ? (
          <div>
            <h4 className="mb-1.5 text-xs font-medium tracking-wide text-fg-muted uppercase">Parameters</h4>
            <ul className="space-y-1 text-[13px]">
              {params.map((p) => (
                <li key={`${p.in}-${p.name}`} className="flex flex-wrap items-baseline gap-2">
                  <code className="font-mono text-xs text-fg">{p.name}</code>
                  <span className="text-xs text-fg-muted">{p.in}{p.required ? ", required" : ""}</span>
                  <span className="font-mono text-xs text-fg-muted">{typeLabel(p.schema as never)}</span>
                </li>
              ))}
              {idempotent ? (
                <li className="flex flex-wrap items-baseline gap-2">
                  <code className="font-mono text-xs text-fg">Idempotency-Key</code>
                  <span className="text-xs text-fg-muted">header, optional: a repeat within 24 h returns the first response</span>
                </li>
              ) : null}
            </ul>
          </div>
        ) : null}
        {body ? (
          <div>
            <h4 className="mb-1.5 text-xs font-medium tracking-wide text-fg-muted uppercase">Request body</h4>
            <SchemaTable schema={body.schema as never} caption={`Request body of ${method} ${path}`} />
            {body.example ? (
              <ScrollRegion as="pre" label={`Example request body of ${method} ${path}`} className="mt-2 rounded-md bg-muted/60 px-3 py-2 font-mono text-xs text-fg">{JSON.stringify(body.example, null, 2)}</ScrollRegion>
            ) : null}
          </div>
        ) : null}
        <div>
          <h4 className="mb-1.5 text-xs font-medium tracking-wide text-fg-muted uppercase">Responses</h4>
          <ul className="space-y-1 text-[13px]">
            {Object.entries(op.responses).map(([status, r]) => (
              <li key={status} className="flex gap-3">
                <code className={cn("w-8 shrink-0 font-mono text-xs font-semibold", status.startsWith("2") ? "text-success" : "text-fg-muted")}>{status}</code>
                <span className="text-fg-muted"><InlineCode text={r.description ?? errors[status] ?? ""} /></span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
