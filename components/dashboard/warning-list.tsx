import Link from "next/link";
import { setupPath, type TWarningView } from "@/lib/services/warnings/warnings.service";
import { TimeAgo } from "@/components/ui/time-ago";

/** Missing credentials and credentials to reconnect, each with the link that fixes it (the same link agents get in the error). */
export function WarningList({ warnings, showBudget = false }: { warnings: TWarningView[]; showBudget?: boolean }) {
  return (
    <ul role="list" className="space-y-3">
      {warnings.map((w) => {
        const reconnect = w.kind === "reconnect_required";
        // The reconnect link is absolute (agents get it as is); the dashboard follows it on its own origin.
        const path = reconnect ? new URL(w.setupUrl).pathname + new URL(w.setupUrl).search : setupPath(w.budgetId.toString(), w.toolSlug);
        return (
          <li
            key={`${w.budgetId.toString()}:${w.toolSlug}`}
            className="flex flex-col gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 sm:flex-row sm:items-center dark:border-amber-900/70 dark:bg-amber-950/40"
          >
            <div className="min-w-0 flex-1 text-sm">
              <p className="font-medium text-amber-950 dark:text-amber-100">
                {reconnect ? "Reconnect the credential of" : "Missing credential for"} {w.toolName}
                {showBudget ? (
                  <>
                    {" "}in{" "}
                    <Link href={`/budgets/${w.budgetId.toString()}`} className="underline">
                      {w.budgetName}
                    </Link>
                  </>
                ) : null}
              </p>
              <p className="mt-0.5 text-amber-900 dark:text-amber-200/90">
                {reconnect ? (
                  "The provider refused its grant (consent revoked or expired): agents are refused until it is reconnected."
                ) : w.count > 0 ? (
                  <>
                    Agents were refused {w.count} time{w.count > 1 ? "s" : ""}, last <TimeAgo date={w.lastSeenAt} />.
                  </>
                ) : (
                  "Agents calling it will be refused until a credential is bound."
                )}
              </p>
            </div>
            <Link
              href={path}
              className="inline-flex shrink-0 items-center justify-center rounded-lg bg-amber-700 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-amber-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-600"
            >
              {reconnect ? "Reconnect" : "Set up"} {w.toolName}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
