import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { cn } from "@/lib/utils/cn";
import { Label } from "./label";

/** Props Field injects into its control. */
export interface FieldControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  "aria-required"?: true;
}

export interface FieldProps {
  label: ReactNode;
  /** Control id; generated when omitted. */
  id?: string;
  /** Validation message; marks the control aria-invalid and is announced. */
  error?: string | null;
  /** Helper text under the control. */
  hint?: ReactNode;
  required?: boolean;
  /** Optional element aligned to the right of the label (e.g. a character count or link). */
  labelAside?: ReactNode;
  className?: string;
  /**
   * A single control element (Input, Textarea, Select, Switch…) that receives id/aria props,
   * or a render function receiving them.
   */
  children: ReactElement<Partial<FieldControlProps>> | ((control: FieldControlProps) => ReactNode);
}

/** Label + control + hint + error, with aria-invalid / aria-describedby wired up. */
export function Field({ label, id, error, hint, required, labelAside, className, children }: FieldProps) {
  const autoId = useId();
  const controlId = id ?? `field-${autoId}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;

  const control: FieldControlProps = {
    id: controlId,
    ...(error ? { "aria-invalid": true as const } : {}),
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(required ? { "aria-required": true as const } : {}),
  };

  let rendered: ReactNode;
  if (typeof children === "function") {
    rendered = children(control);
  } else if (isValidElement(children)) {
    const own = children.props["aria-describedby"];
    rendered = cloneElement(children, {
      ...control,
      "aria-describedby": [own, describedBy].filter(Boolean).join(" ") || undefined,
    });
  } else {
    rendered = children;
  }

  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <div className="flex items-center justify-between gap-2">
        <Label htmlFor={controlId} required={required}>
          {label}
        </Label>
        {labelAside ? <div className="text-xs text-fg-muted">{labelAside}</div> : null}
      </div>
      {rendered}
      {hint ? (
        <p id={hintId} className="text-xs leading-relaxed text-fg-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
