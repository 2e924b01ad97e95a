import { Loading, Skeleton } from "../ui";

/** What a page shows while its data loads: its rough shape, never a blank screen. */
export function PageSkeleton({ label = "Loading…" }: { label?: string }) {
  return (
    <Loading label={label}>
      <div className="space-y-6">
        <Skeleton className="h-9 w-64" />
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-40" />
          ))}
        </div>
      </div>
    </Loading>
  );
}
