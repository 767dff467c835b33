import { LoadingPage, Skeleton } from "@/components/ui/skeleton";
import { cardClass } from "@/components/ui/styles";

function CardSkeleton({ rows }: { rows: number }) {
  return (
    <div className={cardClass}>
      <div className="border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
        <Skeleton className="h-5 w-32" />
        <Skeleton className="mt-2 h-3 w-72 max-w-full" />
      </div>
      <div className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {Array.from({ length: rows }, (_, row) => (
          <div key={row} className="px-5 py-4">
            <Skeleton className="h-4 w-44" />
            <Skeleton className="mt-2 h-3 w-full max-w-md" />
            <Skeleton className="mt-3 h-12 w-full" />
          </div>
        ))}
      </div>
    </div>
  );
}

export default function BudgetLoading() {
  return (
    <LoadingPage label="Loading budget…">
      <Skeleton className="h-4 w-20" />
      <Skeleton className="mt-4 h-8 w-56" />
      <Skeleton className="mt-3 h-4 w-64" />
      <div className="mt-8 grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((tile) => (
          <div key={tile} className={`${cardClass} px-5 py-4`}>
            <Skeleton className="h-4 w-16" />
            <Skeleton className="mt-3 h-7 w-24" />
            <Skeleton className="mt-3 h-2 w-full" />
          </div>
        ))}
      </div>
      <div className="mt-6 space-y-6">
        <CardSkeleton rows={2} />
        <CardSkeleton rows={1} />
      </div>
    </LoadingPage>
  );
}
