"use client";
// Toasts for completed actions (sonner, mounted once by components/providers.tsx). `notifyDone`
// says what happened, links to where it went and, where the product can take it back, offers
// Undo (usually a revert of the action's audit event).
import { useSyncExternalStore } from "react";
import { Toaster as Sonner, toast } from "sonner";

function subscribeTheme(onChange: () => void) {
  const obs = new MutationObserver(onChange);
  obs.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => obs.disconnect();
}
const isDark = () => document.documentElement.classList.contains("dark");

/** The one toast region of the app, following the light/dark theme of <html>. */
export function Toaster() {
  const dark = useSyncExternalStore(subscribeTheme, isDark, () => false);
  return (
    <Sonner
      theme={dark ? "dark" : "light"}
      position="bottom-right"
      closeButton
      toastOptions={{ duration: 8000, classNames: { toast: "font-sans text-[13px]", description: "break-words" } }}
    />
  );
}

/** What an undo does: `ok` false with `error` when it could not be taken back. */
export type UndoResult = { ok: true } | { ok: false; error: string };

/**
 * Toast for a completed action. `title` e.g. "Route deleted"; `description` what and where;
 * `open` a link to the result ({ label, href }, navigated with `go`); `undo` takes the action back
 * (then `after` runs, e.g. router.refresh) and says so, or shows why it could not.
 */
export function notifyDone(
  title: string,
  opts: {
    description?: string;
    open?: { label: string; href: string; go: (href: string) => void };
    undo?: { run: () => Promise<UndoResult>; done: string; after?: () => void };
  } = {},
) {
  const { description, open, undo } = opts;
  const action = undo
    ? {
        label: "Undo",
        onClick: () => {
          void undo.run().then(
            (r) => {
              if (r.ok) toast.success(undo.done);
              else toast.error("Could not undo", { description: r.error });
              undo.after?.();
            },
            () => toast.error("Could not undo", { description: "The server could not be reached. Try again from the audit log." }),
          );
        },
      }
    : open
      ? { label: open.label, onClick: () => open.go(open.href) }
      : undefined;
  toast.success(title, {
    description,
    action,
    // With both, Undo is the button and the link is the secondary one.
    cancel: undo && open ? { label: open.label, onClick: () => open.go(open.href) } : undefined,
  });
}

/** Toast for an action that worked but will not do what the user likely wants (stays until closed). */
export function notifyWarning(title: string, description: string) {
  toast.warning(title, { description, duration: Infinity });
}

/** Toast for a failed action that has no form to show the error in. */
export function notifyFailed(title: string, error: string) {
  toast.error(title, { description: error });
}
