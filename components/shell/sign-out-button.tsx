"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";

export function SignOutButton({ className }: { className?: string }) {
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
      <span className="sr-only sm:not-sr-only">Sign out</span>
    </Button>
  );
}
