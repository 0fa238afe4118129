"use client";
// Scopes from the catalog, grouped by resource: read / write / everything on the resource, or `*`.
import { RESOURCES, SPECIFIC_SCOPES } from "@/lib/auth/rules/scopes";
import { cn } from "@/lib/utils/cn";

const LABELS: Record<string, string> = {
  routes: "Routes", persons: "Persons", keys: "API keys", audit: "Audit log", instances: "Instances", agents: "Agents", chats: "Chats",
};

function Box({ scope, checked, disabled, onChange, label }: { scope: string; checked: boolean; disabled?: boolean; onChange: (v: boolean) => void; label?: string }) {
  return (
    <label className={cn("inline-flex items-center gap-1.5", disabled ? "text-fg-muted" : "cursor-pointer")}>
      <input
        type="checkbox"
        aria-label={scope}
        className="size-4 rounded border-border accent-[var(--accent)]"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label ? <span className="text-[13px]">{label}</span> : null}
    </label>
  );
}

export function ScopePicker({ value, onChange, invalid, describedBy }: { value: string[]; onChange: (v: string[]) => void; invalid?: boolean; describedBy?: string }) {
  const has = (s: string) => value.includes(s);
  const set = (s: string, on: boolean, drop: (x: string) => boolean = () => false) => {
    const rest = value.filter((x) => x !== s && !drop(x));
    onChange(on ? [...rest, s] : rest);
  };
  const all = has("*");
  return (
    <div role="group" aria-label="Scopes" aria-describedby={describedBy}
      className={cn("overflow-hidden rounded-md border", invalid ? "border-danger" : "border-border")}>
      <div className="flex items-center justify-between gap-3 border-b border-border bg-muted/40 px-3 py-2">
        <Box scope="*" label="Full access (*)" checked={all} onChange={(on) => onChange(on ? ["*"] : [])} />
        <span className="text-xs text-fg-muted">Everything, now and in future resources</span>
      </div>
      <table className="w-full text-[13px]">
        <thead className="sr-only">
          <tr><th>Resource</th><th>Read</th><th>Write</th><th>All</th></tr>
        </thead>
        <tbody>
          {RESOURCES.map((r) => {
            const star = `${r}:*`;
            const whole = all || has(star);
            const actions = SPECIFIC_SCOPES.filter((s) => s.startsWith(`${r}:`));
            return (
              <tr key={r} className="border-b border-border last:border-b-0">
                <th scope="row" className="w-32 px-3 py-1.5 text-left font-medium text-fg">{LABELS[r]}</th>
                {["read", "write"].map((a) => {
                  const s = `${r}:${a}`;
                  return (
                    <td key={a} className="px-2 py-1.5">
                      {actions.includes(s as (typeof actions)[number]) ? (
                        <Box scope={s} label={a === "read" ? "Read" : "Write"} checked={whole || has(s)} disabled={whole} onChange={(on) => set(s, on)} />
                      ) : null}
                    </td>
                  );
                })}
                <td className="px-2 py-1.5 text-right">
                  <Box scope={star} label={star} checked={whole} disabled={all}
                    onChange={(on) => set(star, on, (x) => x.startsWith(`${r}:`))} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
