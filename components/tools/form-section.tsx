import type { ReactNode } from "react";
import { cardClass } from "@/components/ui/styles";

/** One titled part of the tool form: its title and explanation beside a card of controls. */
export function FormSection({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  const headingId = `section-${title.toLowerCase().replace(/\s+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="grid gap-4 lg:grid-cols-[16rem_1fr] lg:gap-8">
      <div>
        <h2 id={headingId} className="text-base font-semibold">
          {title}
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      </div>
      <div className={`${cardClass} min-w-0 space-y-5 p-4 sm:p-5`}>{children}</div>
    </section>
  );
}

/** Errors about a list of rows as a whole (e.g. "at most 20"). */
export function ListErrors({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return <p className="text-sm text-red-600 dark:text-red-400">{errors.join(" ")}</p>;
}

/** What a section with no rows yet says. */
export function EmptyRows({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-5 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
      {children}
    </p>
  );
}
