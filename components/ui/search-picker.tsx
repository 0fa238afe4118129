"use client";
// A searchable single-value picker (ARIA combobox + listbox): type to search on the server,
// arrow keys to move, Enter to pick, Escape to close. Shows the picked option's label.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Check, ChevronsUpDown, Search, X } from "lucide-react";
import { cn } from "@/lib/utils/cn";
import { controlClasses } from "./input";
import { Spinner } from "./spinner";

export type PickerOption = { value: string; label: string; hint?: string | null };

export interface SearchPickerProps {
  id?: string;
  value: string | null;
  /** The label of the current value (known by the caller, e.g. from the loaded record). */
  selected?: PickerOption | null;
  onChange: (option: PickerOption | null) => void;
  search: (query: string) => Promise<PickerOption[]>;
  placeholder?: string;
  disabled?: boolean;
  /** Shown in the list when nothing matches. */
  emptyText?: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  "aria-required"?: true;
  "aria-label"?: string;
}

export function SearchPicker(props: SearchPickerProps) {
  const { value, selected, onChange, search, placeholder = "Search…", disabled, emptyText = "Nothing found." } = props;
  const autoId = useId();
  const inputId = props.id ?? `picker-${autoId}`;
  const listId = `${inputId}-list`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<PickerOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [active, setActive] = useState(0);
  const [failed, setFailed] = useState(false);
  const seq = useRef(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const mine = ++seq.current;
    const t = setTimeout(() => {
      setLoading(true);
      search(query)
        .then((rows) => {
          if (mine !== seq.current) return;
          setOptions(rows);
          setFailed(false);
          setActive(0);
        })
        .catch(() => mine === seq.current && setFailed(true))
        .finally(() => mine === seq.current && setLoading(false));
    }, 180);
    return () => clearTimeout(t);
  }, [open, query, search]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (boxRef.current && !boxRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  function pick(o: PickerOption) {
    onChange(o);
    setOpen(false);
    setQuery("");
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(options.length - 1, a + 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === "Enter") {
      if (open && options[active]) {
        e.preventDefault();
        pick(options[active]);
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      }
    }
  }

  const shown = open ? query : selected && value ? selected.label : "";
  return (
    <div ref={boxRef} className="relative">
      <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-fg-muted" />
      <input
        ref={inputRef}
        id={inputId}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        aria-invalid={props["aria-invalid"]}
        aria-describedby={props["aria-describedby"]}
        aria-required={props["aria-required"]}
        aria-label={props["aria-label"]}
        autoComplete="off"
        disabled={disabled}
        placeholder={selected && value ? selected.label : placeholder}
        value={shown}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        className={cn(controlClasses, "h-9 pr-14 pl-8", !open && value && "font-medium")}
      />
      <div className="absolute top-1/2 right-2 flex -translate-y-1/2 items-center gap-1 text-fg-muted">
        {loading ? <Spinner className="size-3.5" /> : null}
        {value && !disabled ? (
          <button
            type="button"
            aria-label="Clear"
            className="rounded p-0.5 hover:bg-muted hover:text-fg"
            onClick={() => {
              onChange(null);
              setQuery("");
              inputRef.current?.focus();
            }}
          >
            <X className="size-3.5" aria-hidden="true" />
          </button>
        ) : (
          <ChevronsUpDown className="size-3.5" aria-hidden="true" />
        )}
      </div>
      {open ? (
        <ul
          id={listId}
          role="listbox"
          className="absolute z-50 mt-1 max-h-64 w-full overflow-auto rounded-md border border-border bg-surface p-1 text-sm shadow-[var(--shadow-md)]"
        >
          {failed ? (
            <li className="px-2.5 py-2 text-[13px] text-danger">Search failed. Type again to retry.</li>
          ) : options.length === 0 ? (
            <li className="px-2.5 py-2 text-[13px] text-fg-muted">{loading ? "Searching…" : emptyText}</li>
          ) : (
            options.map((o, i) => (
              <li
                key={o.value}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={o.value === value}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(o)}
                className={cn(
                  "flex cursor-pointer items-center justify-between gap-3 rounded px-2.5 py-1.5",
                  i === active && "bg-muted",
                )}
              >
                <span className="min-w-0">
                  <span className="block truncate text-fg">{o.label}</span>
                  {o.hint ? <span className="block truncate text-xs text-fg-muted">{o.hint}</span> : null}
                </span>
                {o.value === value ? <Check aria-hidden="true" className="size-4 shrink-0 text-accent" /> : null}
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
