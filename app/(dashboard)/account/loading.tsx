import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading your account">
      <div className="mb-6 space-y-2"><Skeleton className="h-7 w-40" /><Skeleton className="h-4 w-full max-w-md" /></div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-64" />
        <Skeleton className="h-64" />
        <Skeleton className="h-40 lg:col-span-2" />
      </div>
    </div>
  );
}
