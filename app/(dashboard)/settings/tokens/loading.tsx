import { CardSkeleton, FieldSkeleton, ListRowsSkeleton, LoadingPage, PageHeaderSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function AccessTokensLoading() {
  return (
    <LoadingPage label="Loading API tokens…">
      <PageHeaderSkeleton description="w-full max-w-2xl" />
      <div className="space-y-6">
        <CardSkeleton>
          <div className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-end">
            <FieldSkeleton className="flex-1" />
            <Skeleton className="h-9 w-32 rounded-lg" />
          </div>
        </CardSkeleton>
        <CardSkeleton description={false}>
          <ListRowsSkeleton end={<Skeleton className="h-8 w-20 rounded-lg" />} />
        </CardSkeleton>
      </div>
    </LoadingPage>
  );
}
