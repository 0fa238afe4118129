import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-3" aria-busy="true" aria-label="Looking for duplicates">
      <Skeleton className="h-4 w-24" />
      <div className="space-y-2 pb-3"><Skeleton className="h-7 w-56" /><Skeleton className="h-4 w-[32rem] max-w-full" /></div>
      {Array.from({ length: 5 }, (_, i) => <Skeleton key={i} className="h-24" />)}
    </div>
  );
}
