"use client";
// What an edit form shows when the server refused it as stale (PRECONDITION_FAILED): someone
// changed the record since the form was opened. Nothing was saved and the user's input stays in
// the form; the fields that changed meanwhile are listed with their current values, and the user
// either loads the current values or keeps their own (the next save then applies over the change).
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { EditConflict } from "./use-action-form";

export type ConflictField = { key: string; label: string; show?: (v: unknown) => string };

const plain = (v: unknown) => (v === null || v === undefined || v === "" ? "(empty)" : typeof v === "object" ? JSON.stringify(v) : String(v));
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The conflict notice: changed fields (loaded → now), "Load current values" and "Keep my changes". */
export function ConflictAlert({ conflict, loaded, fields, what, onLoadCurrent, onKeepMine }: {
  conflict: EditConflict;
  /** the record as the form loaded it */
  loaded: Record<string, unknown>;
  fields: ConflictField[];
  /** e.g. "route" */
  what: string;
  onLoadCurrent: () => void;
  onKeepMine: () => void;
}) {
  const changed = fields.filter((f) => !same(loaded[f.key], conflict.current[f.key]));
  return (
    <Alert tone="warning" title={`This ${what} was changed by someone else since you opened it`}>
      <p>Nothing was saved. Your edits are still in the form.</p>
      {changed.length ? (
        <>
          <p className="mt-2">Changed meanwhile (now):</p>
          <ul className="mt-1 list-disc pl-5" aria-label="Changed meanwhile">
            {changed.map((f) => (
              <li key={f.key}>
                <span className="font-medium">{f.label}</span>: {(f.show ?? plain)(conflict.current[f.key])}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" size="sm" variant="secondary" onClick={onLoadCurrent}>Load current values</Button>
        <Button type="button" size="sm" variant="ghost" onClick={onKeepMine}>Keep my changes</Button>
      </div>
    </Alert>
  );
}
