import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** The frame of one repeated row (a credential field, an injection rule): its title and a Remove button. */
export function RemovableRow({ title, subtitle, onRemove, children }: { title: string; subtitle?: string; onRemove: () => void; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-zinc-50/60 dark:border-zinc-800 dark:bg-zinc-950/40">
      <div className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
        <h3 className="min-w-0 truncate text-sm font-medium">
          {title}
          {subtitle && subtitle !== title ? <span className="ml-2 font-normal text-zinc-500 dark:text-zinc-400">{subtitle}</span> : null}
        </h3>
        <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove ${title.toLowerCase()}`}>
          Remove
        </Button>
      </div>
      <div className="space-y-4 p-4">{children}</div>
    </div>
  );
}
