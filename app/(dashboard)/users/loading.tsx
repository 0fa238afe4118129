import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading users">
      <div className="mb-6 space-y-2"><Skeleton className="h-7 w-32" /><Skeleton className="h-4 w-full max-w-xl" /></div>
      <div className="mb-4 flex justify-end"><Skeleton className="h-8 w-28" /></div>
      <div className="overflow-hidden rounded-lg border border-border bg-surface">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="flex items-center gap-4 border-b border-border px-4 py-3 last:border-b-0">
            <div className="min-w-0 flex-1 space-y-1.5"><Skeleton className="h-4 w-40 max-w-full" /><Skeleton className="h-3 w-56 max-w-full" /></div>
            <Skeleton className="hidden h-5 w-16 sm:block" />
            <Skeleton className="hidden h-5 w-20 sm:block" />
            <Skeleton className="size-8" />
          </div>
        ))}
      </div>
    </div>
  );
}
