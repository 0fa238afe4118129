"use client";

import type { ReactNode } from "react";
import { SessionProvider } from "next-auth/react";

/** Client-side context providers shared by every page. */
export function Providers({ children }: { children: ReactNode }) {
  return <SessionProvider>{children}</SessionProvider>;
}
