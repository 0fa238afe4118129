// Renders a JSON Schema (from the OpenAPI document) as a table of fields. Server component.
import { ScrollRegion } from "@/components/ui/scroll-region";
type S = Record<string, unknown> & {
  type?: string | string[]; anyOf?: S[]; oneOf?: S[]; enum?: unknown[]; const?: unknown; items?: S; properties?: Record<string, S>;
  required?: string[]; format?: string; description?: string; default?: unknown;
};

/** A short type description: "string (uuid) | null", "one of: a, b", "array of string". */
export function typeLabel(s: S | undefined): string {
  if (!s) return "any";
  if (s.anyOf || s.oneOf) return [...new Set((s.anyOf ?? s.oneOf)!.map(typeLabel))].join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.length > 8 ? `one of ${s.enum.length} values` : s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const t = Array.isArray(s.type) ? s.type.join(" | ") : s.type;
  if (t === "array") return `array of ${typeLabel(s.items)}`;
  if (!t) return s.properties ? "object" : "any";
  return s.format ? `${t} (${s.format})` : t;
}

function constraints(s: S): string[] {
  const out: string[] = [];
  const inner = (s.anyOf ?? []).find((x) => x.type !== "null") ?? s;
  const pick = (k: string, label: string) => {
    const v = (inner as Record<string, unknown>)[k] ?? (s as Record<string, unknown>)[k];
    if (v !== undefined) out.push(`${label} ${v}`);
  };
  pick("minLength", "min length"); pick("maxLength", "max length");
  pick("minimum", "≥"); pick("maximum", "≤");
  pick("minItems", "min items"); pick("maxItems", "max items");
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  const items = inner.items;
  if (items?.enum && items.enum.length > 8) out.push(`values: ${items.enum.join(", ")}`);
  if (inner.enum && inner.enum.length > 8) out.push(`values: ${inner.enum.join(", ")}`);
  return out;
}

export function SchemaTable({ schema, caption }: { schema: S; caption: string }) {
  const props = Object.entries(schema.properties ?? {});
  if (!props.length) return <p className="text-[13px] text-fg-muted">{typeLabel(schema)}</p>;
  const required = new Set(schema.required ?? []);
  return (
    <ScrollRegion label={caption} className="rounded-md border border-border">
      <table className="w-full text-[13px]">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted/50 text-left text-xs text-fg-muted">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">Field</th>
            <th scope="col" className="px-3 py-1.5 font-medium">Type</th>
            <th scope="col" className="px-3 py-1.5 font-medium">Notes</th>
          </tr>
        </thead>
        <tbody>
          {props.map(([name, s]) => (
            <tr key={name} className="border-t border-border align-top">
              <td className="px-3 py-1.5 whitespace-nowrap">
                <code className="font-mono text-xs text-fg">{name}</code>
                {required.has(name) ? <span className="ml-1.5 text-xs text-danger">required</span> : null}
              </td>
              <td className="px-3 py-1.5 font-mono text-xs text-fg-muted">{typeLabel(s)}</td>
              <td className="px-3 py-1.5 text-xs text-fg-muted">
                {[s.description, ...constraints(s)].filter(Boolean).join(" · ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
