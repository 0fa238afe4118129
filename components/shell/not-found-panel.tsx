import Link from "next/link";
import { FileQuestion } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClasses } from "@/components/ui/button";

/** "Page not found" with a way back: the body of every 404 page (inside the app frame when signed in). */
export function NotFoundPanel({ signedIn = true }: { signedIn?: boolean }) {
  return (
    <div className="py-8">
      <h1 className="sr-only">Page not found</h1>
      <EmptyState
        icon={<FileQuestion />}
        title="Page not found"
        description="This address does not lead to a page of Omni Admin, or what it showed no longer exists. Check the link, or start again from the dashboard."
        action={
          <Link href={signedIn ? "/routes" : "/login"} className={buttonClasses({ variant: "secondary" })}>
            {signedIn ? "Back to routes" : "Sign in"}
          </Link>
        }
      />
    </div>
  );
}
