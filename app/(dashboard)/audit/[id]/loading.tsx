import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading audit event">
      <Skeleton className="h-4 w-24" />
      <div className="space-y-2"><Skeleton className="h-7 w-64" /><Skeleton className="h-4 w-80" /></div>
      <div className="grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-96" />
        <div className="space-y-6 lg:col-span-2"><Skeleton className="h-64" /><Skeleton className="h-48" /></div>
      </div>
    </div>
  );
}
