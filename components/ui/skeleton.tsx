import type { ReactNode } from "react";

/** A placeholder block for loading states; the page's loading.tsx announces the loading once. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded-md bg-zinc-200/80 dark:bg-zinc-800 ${className}`} />;
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
