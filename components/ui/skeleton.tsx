import type { ReactNode } from "react";
import { cardClass } from "@/components/ui/styles";

/** A placeholder block for loading states; the page's loading.tsx announces the loading once. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded-md bg-zinc-200/80 motion-reduce:animate-none dark:bg-zinc-800 ${className}`} />;
}

/** The shared frame of a loading page: a status for screen readers, then the page's skeleton blocks. */
export function LoadingPage({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

/** The loading state of a list page: a header with its action, then a card of rows. */
export function ListPageSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <LoadingPage label={label}>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <Skeleton className="h-7 w-36" />
          <Skeleton className="h-4 w-96 max-w-full" />
        </div>
        <Skeleton className="h-9 w-36" />
      </div>
      <div className={`${cardClass} divide-y divide-zinc-200 dark:divide-zinc-800`}>
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex items-center gap-4 px-5 py-4">
            <div className="flex-1 space-y-2">
              <Skeleton className="h-4 w-48" />
              <Skeleton className="h-3 w-64 max-w-full" />
            </div>
            <Skeleton className="hidden h-5 w-24 sm:block" />
            <Skeleton className="hidden h-4 w-20 sm:block" />
          </div>
        ))}
      </div>
    </LoadingPage>
  );
}
