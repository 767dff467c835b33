import { CardSkeleton, LoadingPage, PageHeaderSkeleton, Skeleton } from "@/components/ui/skeleton";
import { cardClass } from "@/components/ui/styles";

/** A budget's tools: a name, a line of description, its credential panel. */
function ToolRowsSkeleton({ count }: { count: number }) {
  return (
    <div className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {Array.from({ length: count }, (_, row) => (
        <div key={row} className="space-y-2 px-5 py-4">
          <Skeleton className="h-4 w-44" />
          <Skeleton className="h-3 w-full max-w-md" />
          <Skeleton className="mt-3 h-12 w-full" />
        </div>
      ))}
    </div>
  );
}

export default function BudgetLoading() {
  return (
    <LoadingPage label="Loading budget…">
      <PageHeaderSkeleton back title="w-56" description="w-64" action="w-28" />
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-3">
          {[0, 1, 2].map((tile) => (
            <div key={tile} className={`${cardClass} space-y-3 px-5 py-4`}>
              <Skeleton className="h-4 w-16" />
              <Skeleton className="h-7 w-24" />
              <Skeleton className="h-2 w-full" />
            </div>
          ))}
        </div>
        <CardSkeleton>
          <ToolRowsSkeleton count={2} />
        </CardSkeleton>
        <CardSkeleton>
          <ToolRowsSkeleton count={1} />
        </CardSkeleton>
      </div>
    </LoadingPage>
  );
}
