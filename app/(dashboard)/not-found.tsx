import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/shell/not-found-panel";

export const metadata: Metadata = { title: "Not found" };

// A page of the dashboard that called notFound() (an unknown person or audit event): the app frame
// stays, with a way back.
export default function DashboardNotFound() {
  return <NotFoundPanel />;
}
