"use client";
// Instances a key may reach: none ticked = every instance (also future ones).
import { Badge } from "@/components/ui/badge";
import type { InstanceOption } from "./types";
import { channelLabel } from "@/lib/format/labels";

export function InstancePicker({ instances, value, onChange, describedBy }: { instances: InstanceOption[]; value: string[]; onChange: (v: string[]) => void; describedBy?: string }) {
  if (!instances.length) {
    return <p className="rounded-md border border-dashed border-border px-3 py-2 text-[13px] text-fg-muted">No instances yet: the key will reach every instance.</p>;
  }
  return (
    <div role="group" aria-label="Instances" aria-describedby={describedBy} className="max-h-40 overflow-y-auto rounded-md border border-border">
      {instances.map((i) => (
        <label key={i.id} className="flex cursor-pointer items-center gap-2 border-b border-border px-3 py-1.5 text-[13px] last:border-b-0 hover:bg-muted/50">
          <input
            type="checkbox"
            className="size-4 accent-[var(--accent)]"
            checked={value.includes(i.id)}
            onChange={(e) => onChange(e.target.checked ? [...value, i.id] : value.filter((x) => x !== i.id))}
          />
          <span className="flex-1 truncate">{i.name}</span>
          <Badge>{channelLabel(i.channel)}</Badge>
        </label>
      ))}
    </div>
  );
}
