"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Ends the session and returns to /login. `compact`: below `sm` only the icon shows (the name stays "Sign out"). */
export function SignOutButton({ className, compact = false }: { className?: string; compact?: boolean }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      className={className}
      loading={pending}
      onClick={async () => {
        setPending(true);
        try {
          await signOut({ callbackUrl: "/login" });
        } catch {
          setPending(false);
        }
      }}
    >
      {pending ? null : <LogOut aria-hidden="true" />}
      <span className={compact ? "sr-only sm:not-sr-only" : undefined}>Sign out</span>
    </Button>
  );
}
