import { SkeletonBar, LoadingStatus } from "@/components/budgets/skeleton";

export default function BudgetsLoading() {
  return (
    <div>
      <LoadingStatus label="Loading budgets…" />
      <SkeletonBar className="h-8 w-40" />
      <SkeletonBar className="mt-3 h-4 w-full max-w-xl" />
      <div className="mt-8 grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {[0, 1, 2].map((row) => (
            <div key={row} className="flex flex-col gap-4 px-5 py-4 sm:flex-row sm:items-center">
              <div className="flex-1">
                <SkeletonBar className="h-4 w-48" />
                <SkeletonBar className="mt-2 h-3 w-32" />
              </div>
              <div className="sm:w-64">
                <SkeletonBar className="h-4 w-28" />
                <SkeletonBar className="mt-2 h-1.5 w-full" />
              </div>
            </div>
          ))}
        </div>
        <div className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <SkeletonBar className="h-5 w-28" />
          <SkeletonBar className="mt-6 h-4 w-16" />
          <SkeletonBar className="mt-2 h-9 w-full" />
          <SkeletonBar className="mt-5 h-4 w-24" />
          <SkeletonBar className="mt-2 h-9 w-full" />
          <SkeletonBar className="mt-5 h-9 w-32" />
        </div>
      </div>
    </div>
  );
}
