"use client";
// What a form shows when its server action answers UNAUTHENTICATED (the session expired or was
// ended): the message, and a link to sign in again that comes back to this page. The link opens
// a new tab, so what the user typed here stays in the form: sign in there, then submit again here.
import type { ReactNode } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { loginPathFor } from "@/lib/auth/rules/safe-callback";

export function SessionEnded() {
  const pathname = usePathname();
  const search = useSearchParams();
  const here = `${pathname}${search.size ? `?${search}` : ""}`;
  return (
    <>
      Your session has ended —{" "}
      <a href={loginPathFor(here)} target="_blank" rel="noopener" className="font-medium text-accent underline">
        sign in again
      </a>
      . What you entered is kept here: submit again once you are signed in.
    </>
  );
}

/** The message for a failed action: the session-ended notice (with its link) or the server's text. */
export function actionErrorMessage(res: { code: string; error: string }): ReactNode {
  return res.code === "UNAUTHENTICATED" ? <SessionEnded /> : res.error;
}
