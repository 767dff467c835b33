import { ButtonLink } from "@/components/ui/button";
import { WarningIcon } from "@/components/ui/icons";
import { TimeAgo } from "@/components/ui/time-ago";
import { setupPath, type TWarningView } from "@/lib/services/warnings/warnings.service";

/** The budget's missing credentials, each with how often agents ran into it and its setup link. */
export function BudgetWarningsPanel({ warnings }: { warnings: TWarningView[] }) {
  if (!warnings.length) return null;
  return (
    <section aria-labelledby="warnings-title" className="rounded-xl border border-amber-300 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/40">
      <div className="flex items-start gap-3 px-5 py-4">
        <WarningIcon className="mt-0.5 h-5 w-5 shrink-0 text-amber-600 dark:text-amber-400" />
        <div className="min-w-0 flex-1">
          <h2 id="warnings-title" className="text-base font-semibold text-amber-950 dark:text-amber-100">
            {warnings.length === 1 ? "1 tool needs a credential" : `${warnings.length} tools need a credential`}
          </h2>
          <p className="mt-0.5 text-sm text-amber-900 dark:text-amber-200/90">
            Agents calling these tools with this budget&apos;s keys get a <code className="font-mono text-[0.8125rem]">missing_credential</code> error until one is bound.
          </p>
          <ul className="mt-3 divide-y divide-amber-200 rounded-lg border border-amber-200 bg-white/70 dark:divide-amber-900/60 dark:border-amber-900/60 dark:bg-zinc-950/40">
            {warnings.map((warning) => (
              <li key={warning.toolSlug} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{warning.toolName}</p>
                  <p className="mt-0.5 text-xs text-zinc-700 dark:text-zinc-300">
                    {warning.count ? (
                      <>
                        Agents hit this {warning.count} time{warning.count > 1 ? "s" : ""}, last <TimeAgo date={warning.lastSeenAt} />
                      </>
                    ) : (
                      "No agent has run into it yet"
                    )}
                  </p>
                </div>
                <ButtonLink href={setupPath(warning.budgetId.toString(), warning.toolSlug)} size="sm" className="self-start sm:self-auto" aria-label={`Set up a ${warning.toolName} credential`}>
                  Set up
                </ButtonLink>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
