import { LoadingPage, Skeleton } from "@/components/ui/skeleton";
import { cardClass } from "@/components/ui/styles";

export default function BudgetsLoading() {
  return (
    <LoadingPage label="Loading budgets…">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="mt-3 h-4 w-full max-w-xl" />
      <div className="mt-8 grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className={`${cardClass} divide-y divide-zinc-200 dark:divide-zinc-800`}>
          {[0, 1, 2].map((row) => (
            <div key={row} className="flex flex-col gap-4 px-5 py-4 sm:flex-row sm:items-center">
              <div className="flex-1">
                <Skeleton className="h-4 w-48" />
                <Skeleton className="mt-2 h-3 w-32" />
              </div>
              <div className="sm:w-64">
                <Skeleton className="h-4 w-28" />
                <Skeleton className="mt-2 h-1.5 w-full" />
              </div>
            </div>
          ))}
        </div>
        <div className={`${cardClass} p-5`}>
          <Skeleton className="h-5 w-28" />
          <Skeleton className="mt-6 h-4 w-16" />
          <Skeleton className="mt-2 h-9 w-full" />
          <Skeleton className="mt-5 h-4 w-24" />
          <Skeleton className="mt-2 h-9 w-full" />
          <Skeleton className="mt-5 h-9 w-32" />
        </div>
      </div>
    </LoadingPage>
  );
}
