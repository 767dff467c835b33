import { ButtonLink } from "@/components/ui/button";
import { cardClass } from "@/components/ui/styles";

/** What a record page shows when the id is unknown, or another owner's (the two look alike). */
export function NotFoundCard({ what, back }: { what: string; back: { href: string; label: string } }) {
  return (
    <div className={`${cardClass} mx-auto max-w-md px-6 py-10 text-center`}>
      <p className="text-sm font-semibold text-indigo-700 dark:text-indigo-400">404</p>
      <h1 className="mt-2 text-lg font-semibold">{what} not found</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">It may have been deleted, or the link is wrong.</p>
      <div className="mt-6">
        <ButtonLink href={back.href}>{back.label}</ButtonLink>
      </div>
    </div>
  );
}
