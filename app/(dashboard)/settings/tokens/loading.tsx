import { LoadingPage, Skeleton } from "@/components/ui/skeleton";
import { cardClass } from "@/components/ui/styles";

export default function AccessTokensLoading() {
  return (
    <LoadingPage label="Loading API tokens…">
      <div>
        <Skeleton className="h-7 w-36" />
        <Skeleton className="mt-2 mb-6 h-4 w-full max-w-2xl" />
        <div className="space-y-6">
          <div className={cardClass}>
            <div className="space-y-2 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
              <Skeleton className="h-5 w-32" />
              <Skeleton className="h-4 w-80 max-w-full" />
            </div>
            <div className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-end">
              <div className="flex-1 space-y-2">
                <Skeleton className="h-4 w-24" />
                <Skeleton className="h-9 w-full rounded-lg" />
              </div>
              <Skeleton className="h-9 w-32 rounded-lg" />
            </div>
          </div>
          <div className={cardClass}>
            <div className="border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
              <Skeleton className="h-5 w-28" />
            </div>
            {Array.from({ length: 3 }, (_, i) => (
              <div key={i} className="flex items-center gap-4 border-b border-zinc-200 px-5 py-4 last:border-0 dark:border-zinc-800">
                <Skeleton className="h-4 w-40" />
                <Skeleton className="hidden h-4 w-24 md:block" />
                <Skeleton className="hidden h-4 w-20 md:block" />
                <Skeleton className="ml-auto h-8 w-20 rounded-lg" />
              </div>
            ))}
          </div>
        </div>
      </div>
    </LoadingPage>
  );
}
