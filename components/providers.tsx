"use client";

import { useEffect, type ReactNode } from "react";
import { SessionProvider } from "next-auth/react";
import { Toaster } from "@/components/ui/toast";

/** Client-side context providers shared by every page. Marks <html data-hydrated> once React has
 *  hydrated the page (effects run after the tree below has hydrated): browser tests wait for it
 *  before clicking, so a click is never lost on server-rendered markup without its handlers. */
export function Providers({ children }: { children: ReactNode }) {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <SessionProvider>
      {children}
      <Toaster />
    </SessionProvider>
  );
}
