// The one vocabulary of loading states. Each page's loading.tsx composes these pieces, which mirror the
// real components (PageHeader, Card with CardHeader, list rows, form fields), so a page's skeleton has
// the shape of the page it stands for.
import type { ReactNode } from "react";
import { cardClass } from "@/components/ui/styles";

/** A placeholder block; the page's LoadingPage announces the loading once. */
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

/** PageHeader's shape: an optional back link, the title and description, an optional action button. */
export function PageHeaderSkeleton({ back = false, title = "w-36", description = "w-96", action }: { back?: boolean; title?: string; description?: string; action?: string }) {
  return (
    <div className="mb-6">
      {back ? <Skeleton className="mb-3 h-4 w-20" /> : null}
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 flex-1 space-y-2">
          <Skeleton className={`h-7 ${title}`} />
          <Skeleton className={`h-4 max-w-full ${description}`} />
        </div>
        {action ? <Skeleton className={`h-9 ${action}`} /> : null}
      </div>
    </div>
  );
}

/** Card with CardHeader's shape (a title, and a description unless `description` is false), then its body. */
export function CardSkeleton({ description = true, className = "", children }: { description?: boolean; className?: string; children?: ReactNode }) {
  return (
    <div className={`${cardClass} ${className}`}>
      <div className="space-y-2 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
        <Skeleton className="h-5 w-32" />
        {description ? <Skeleton className="h-3 w-72 max-w-full" /> : null}
      </div>
      {children}
    </div>
  );
}

/** `count` rows of a list: a name over a line of detail, and `end` (badges, buttons) on the right. */
export function ListRowsSkeleton({ count = 3, end }: { count?: number; end?: ReactNode }) {
  return (
    <div className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="flex items-center gap-4 px-5 py-4">
          <div className="min-w-0 flex-1 space-y-2">
            <Skeleton className="h-4 w-48 max-w-full" />
            <Skeleton className="h-3 w-64 max-w-full" />
          </div>
          {end}
        </div>
      ))}
    </div>
  );
}

/** A form field: its label over its input. */
export function FieldSkeleton({ className = "" }: { className?: string }) {
  return (
    <div className={`space-y-2 ${className}`}>
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-9 w-full rounded-lg" />
    </div>
  );
}

/** The loading state of a list page: a header with its action, then a card of rows. */
export function ListPageSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <LoadingPage label={label}>
      <PageHeaderSkeleton action="w-36" />
      <div className={cardClass}>
        <ListRowsSkeleton
          count={rows}
          end={
            <>
              <Skeleton className="hidden h-5 w-24 sm:block" />
              <Skeleton className="hidden h-4 w-20 sm:block" />
            </>
          }
        />
      </div>
    </LoadingPage>
  );
}
