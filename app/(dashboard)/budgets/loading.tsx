import { FieldSkeleton, LoadingPage, PageHeaderSkeleton, Skeleton } from "@/components/ui/skeleton";
import { cardClass } from "@/components/ui/styles";

export default function BudgetsLoading() {
  return (
    <LoadingPage label="Loading budgets…">
      <PageHeaderSkeleton title="w-40" description="w-full max-w-xl" />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className={`${cardClass} divide-y divide-zinc-200 dark:divide-zinc-800`}>
          {[0, 1, 2].map((row) => (
            <div key={row} className="flex flex-col gap-4 px-5 py-4 sm:flex-row sm:items-center">
              <div className="flex-1 space-y-2">
                <Skeleton className="h-4 w-48" />
                <Skeleton className="h-3 w-32" />
              </div>
              <div className="space-y-2 sm:w-64">
                <Skeleton className="h-4 w-28" />
                <Skeleton className="h-1.5 w-full" />
              </div>
            </div>
          ))}
        </div>
        <div className={`${cardClass} space-y-5 p-5`}>
          <Skeleton className="h-5 w-28" />
          <FieldSkeleton />
          <FieldSkeleton />
          <Skeleton className="h-9 w-32" />
        </div>
      </div>
    </LoadingPage>
  );
}
