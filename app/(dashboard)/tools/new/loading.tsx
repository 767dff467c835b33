import { FieldSkeleton, LoadingPage, PageHeaderSkeleton, Skeleton } from "@/components/ui/skeleton";
import { cardClass } from "@/components/ui/styles";

export default function NewToolLoading() {
  return (
    <LoadingPage label="Loading the tool form…">
      <PageHeaderSkeleton back title="w-64" description="w-full max-w-xl" />
      <div className="space-y-10">
        {[3, 2, 1].map((fields, i) => (
          <div key={i} className="grid gap-4 lg:grid-cols-[16rem_1fr] lg:gap-8">
            <div className="space-y-2">
              <Skeleton className="h-5 w-32" />
              <Skeleton className="h-4 w-56" />
            </div>
            <div className={`${cardClass} space-y-5 p-5`}>
              {Array.from({ length: fields }, (_, j) => (
                <FieldSkeleton key={j} />
              ))}
            </div>
          </div>
        ))}
      </div>
    </LoadingPage>
  );
}
