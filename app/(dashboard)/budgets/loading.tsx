import { LoadingPage, Skeleton } from "@/components/ui/skeleton";

export default function BudgetsLoading() {
  return (
    <LoadingPage label="Loading budgets…">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="mt-3 h-4 w-full max-w-xl" />
      <div className="mt-8 grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
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
        <div className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
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
