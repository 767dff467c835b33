import { ButtonLink } from "./button";

/**
 * The foot of a paged list: how many of how many are shown, a link to the next page (`?<param>=<cursor>`)
 * while there is one, and back to the first page once past it. Pages go forward by cursor, as GraphQL's
 * connections do (lib/services/paging.ts).
 */
export function Pager({
  shown,
  totalCount,
  nextCursor,
  paged,
  basePath,
  param = "after",
  noun,
}: {
  shown: number;
  /** null when unknown (a filtered list). */
  totalCount: number | null;
  nextCursor: string | null;
  /** Whether this is a later page than the first. */
  paged: boolean;
  basePath: string;
  param?: string;
  noun: string;
}) {
  if (!paged && !nextCursor) return null;
  return (
    <nav aria-label={`Pages of ${noun}`} className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 px-5 py-3 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      <p>
        {totalCount === null ? `Showing ${shown} ${noun}` : `Showing ${shown} of ${totalCount} ${noun}`}
      </p>
      <div className="flex gap-2">
        {paged ? (
          <ButtonLink variant="secondary" size="sm" href={basePath}>
            First page
          </ButtonLink>
        ) : null}
        {nextCursor ? (
          <ButtonLink variant="secondary" size="sm" href={`${basePath}${basePath.includes("?") ? "&" : "?"}${param}=${encodeURIComponent(nextCursor)}`}>
            Next page
          </ButtonLink>
        ) : null}
      </div>
    </nav>
  );
}
