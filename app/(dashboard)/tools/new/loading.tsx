import { LoadingPage, Skeleton } from "@/components/ui/skeleton";
import { cardClass } from "@/components/ui/styles";

export default function NewToolLoading() {
  return (
    <LoadingPage label="Loading the tool form…">
      <div>
        <Skeleton className="mb-3 h-4 w-16" />
        <Skeleton className="h-7 w-64" />
        <Skeleton className="mt-2 mb-8 h-4 w-full max-w-xl" />
        <div className="space-y-10">
          {[3, 2, 1].map((rows, i) => (
            <div key={i} className="grid gap-4 lg:grid-cols-[16rem_1fr] lg:gap-8">
              <div className="space-y-2">
                <Skeleton className="h-5 w-32" />
                <Skeleton className="h-4 w-56" />
              </div>
              <div className={`${cardClass} space-y-5 p-5`}>
                {Array.from({ length: rows }, (_, j) => (
                  <div key={j} className="space-y-2">
                    <Skeleton className="h-4 w-24" />
                    <Skeleton className="h-9 w-full rounded-lg" />
                  </div>
                ))}
              </div>
            </div>
          ))}
        </div>
      </div>
    </LoadingPage>
  );
}
