import { LoadingPage, PageHeaderSkeleton, Skeleton } from "@/components/ui/skeleton";
import { cardClass } from "@/components/ui/styles";

export default function ToolsLoading() {
  return (
    <LoadingPage label="Loading tools…">
      <PageHeaderSkeleton title="w-24" description="w-80" action="w-44" />
      <Skeleton className="mb-3 h-4 w-20" />
      <div className="grid gap-4 md:grid-cols-2">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className={`${cardClass} p-5`}>
            <div className="flex items-center gap-3">
              <Skeleton className="h-10 w-10 rounded-lg" />
              <div className="flex-1 space-y-2">
                <Skeleton className="h-4 w-40" />
                <Skeleton className="h-3 w-24" />
              </div>
            </div>
            <Skeleton className="mt-4 h-4 w-full" />
            <Skeleton className="mt-2 h-4 w-2/3" />
            <Skeleton className="mt-4 h-20 w-full rounded-lg" />
          </div>
        ))}
      </div>
    </LoadingPage>
  );
}
