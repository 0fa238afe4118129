"use client";
// A searchable person picker (combobox): type, pick with the mouse or arrow keys + Enter.
import { count } from "@/lib/format/count";
import { useEffect, useId, useRef, useState } from "react";
import { Search, X } from "lucide-react";
import { Input } from "@/components/ui/input";
import { Avatar } from "@/components/ui/avatar";
import { Spinner } from "@/components/ui/spinner";
import { ChannelBadges } from "./channel-badge";
import { cn } from "@/lib/utils/cn";

export type PickedPerson = {
  id: string; displayName: string | null; primaryPhone: string | null; primaryEmail: string | null; avatarUrl: string | null;
  identityCount: number; channels: string[];
};

export function PersonPicker({ label, value, onChange, exclude, autoFocus }: {
  label: string;
  value: PickedPerson | null;
  onChange: (p: PickedPerson | null) => void;
  /** A person id not to offer (e.g. the other side of a merge). */
  exclude?: string | null;
  autoFocus?: boolean;
}) {
  const [text, setText] = useState("");
  const [items, setItems] = useState<PickedPerson[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [loading, setLoading] = useState(false);
  const listId = useId();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (value) return;
    const ctl = new AbortController();
    const t = setTimeout(() => {
      setLoading(true);
      const params = new URLSearchParams({ limit: "8" });
      if (text.trim()) params.set("q", text.trim());
      fetch(`/api/v1/persons?${params}`, { signal: ctl.signal })
        .then((r) => r.json())
        .then((body: { items?: PickedPerson[] }) => {
          setItems((body.items ?? []).filter((p) => p.id !== exclude));
          setActive(0);
          setLoading(false);
        })
        .catch(() => setLoading(false));
    }, 200);
    return () => { clearTimeout(t); ctl.abort(); };
  }, [text, value, exclude]);

  if (value) {
    return (
      <div className="space-y-1.5">
        <p className="text-[13px] font-medium text-fg">{label}</p>
        <div className="flex items-center gap-3 rounded-lg border border-border bg-surface px-3 py-2.5 shadow-[var(--shadow-sm)]">
          <Avatar src={value.avatarUrl} name={value.displayName} seed={value.id} />
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium">{value.displayName || "Unnamed"}</p>
            <p className="truncate text-xs text-fg-muted">{[value.primaryPhone, value.primaryEmail, count(value.identityCount, "identity")].filter(Boolean).join(" · ")}</p>
          </div>
          <button type="button" onClick={() => { onChange(null); setTimeout(() => inputRef.current?.focus(), 0); }}
            aria-label={`Change ${label.toLowerCase()}`} className="rounded p-1.5 text-fg-muted hover:bg-muted hover:text-fg">
            <X className="size-4" aria-hidden="true" />
          </button>
        </div>
      </div>
    );
  }

  const choose = (p: PickedPerson) => { onChange(p); setOpen(false); setText(""); };
  return (
    <div className="relative space-y-1.5">
      <label htmlFor={inputId} className="text-[13px] font-medium text-fg">{label}</label>
      <div className="relative">
        <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-fg-muted" />
        <Input
          id={inputId}
          ref={inputRef}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && items[active] ? `${listId}-${items[active].id}` : undefined}
          autoFocus={autoFocus}
          autoComplete="off"
          placeholder="Search by name, phone, email…"
          className="pl-9"
          value={text}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onChange={(e) => { setText(e.target.value); setOpen(true); }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") { e.preventDefault(); setOpen(true); setActive((a) => Math.min(items.length - 1, a + 1)); }
            else if (e.key === "ArrowUp") { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
            else if (e.key === "Enter" && open && items[active]) { e.preventDefault(); choose(items[active]); }
            else if (e.key === "Escape") setOpen(false);
          }}
        />
        {loading ? <Spinner className="absolute top-1/2 right-3 size-4 -translate-y-1/2 text-fg-muted" /> : null}
      </div>
      {open ? (
        <ul id={listId} role="listbox" aria-label={label}
          className="absolute z-30 mt-1 max-h-80 w-full overflow-auto rounded-lg border border-border bg-surface p-1 shadow-[var(--shadow-lg)]">
          {items.length === 0 && !loading ? <li className="px-3 py-6 text-center text-[13px] text-fg-muted">No matching persons.</li> : null}
          {items.map((p, i) => (
            <li key={p.id} id={`${listId}-${p.id}`} role="option" aria-selected={i === active}
              onMouseDown={(e) => { e.preventDefault(); choose(p); }}
              onMouseEnter={() => setActive(i)}
              className={cn("flex cursor-pointer items-center gap-3 rounded-md px-2.5 py-2", i === active && "bg-muted")}>
              <Avatar src={p.avatarUrl} name={p.displayName} seed={p.id} size="sm" />
              <div className="min-w-0 flex-1">
                <p className="truncate text-[13px] font-medium">{p.displayName || "Unnamed"}</p>
                <p className="truncate text-xs text-fg-muted">{[p.primaryPhone, p.primaryEmail].filter(Boolean).join(" · ") || `${p.identityCount} identities`}</p>
              </div>
              <ChannelBadges channels={p.channels} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
