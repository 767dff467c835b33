import Link from "next/link";
import { setupPath, type TWarningView } from "@/lib/services/warnings/warnings.service";
import { TimeAgo } from "@/components/ui/time-ago";

export const WARNING_COPY: Record<TWarningView["kind"], { title: string; action: string }> = {
  missing_credential: { title: "Missing credential for", action: "Set up" },
  reconnect_required: { title: "Reconnect the credential of", action: "Reconnect" },
  credential_rejected: { title: "The vendor refused the credential of", action: "Fix" },
  credential_expiring: { title: "Expiring credential for", action: "Renew" },
  credential_expired: { title: "Expired credential for", action: "Renew" },
};

/** Missing credentials and credentials to reconnect, each with the link that fixes it (the same link agents get in the error). */
export function WarningList({ warnings, showBudget = false }: { warnings: TWarningView[]; showBudget?: boolean }) {
  return (
    <ul role="list" className="space-y-3">
      {warnings.map((w) => {
        const reconnect = w.kind === "reconnect_required";
        // Links other than the setup link are absolute (agents get them as they are); followed here on this origin.
        const path = w.kind === "missing_credential" ? setupPath(w.budgetId.toString(), w.toolSlug) : new URL(w.setupUrl).pathname + new URL(w.setupUrl).search;
        const copy = WARNING_COPY[w.kind];
        return (
          <li
            key={`${w.kind}:${w.budgetId.toString()}:${w.toolSlug}`}
            className="flex flex-col gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 sm:flex-row sm:items-center dark:border-amber-900/70 dark:bg-amber-950/40"
          >
            <div className="min-w-0 flex-1 text-sm">
              <p className="font-medium text-amber-950 dark:text-amber-100">
                {copy.title} {w.toolName}
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
                {w.kind === "credential_expiring" || w.kind === "credential_expired" ? (
                  <>
                    {w.kind === "credential_expired" ? "It expired" : "It expires"} on {w.expiresAt?.toISOString().slice(0, 10)}: agents will be refused by the vendor. Save a new one.
                  </>
                ) : w.kind === "credential_rejected" ? (
                  <>
                    The vendor refused it {w.count} time{w.count === 1 ? "" : "s"} (401/403), last <TimeAgo date={w.lastSeenAt} />. Check it, or save a new one.
                  </>
                ) : reconnect ? (
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
              {copy.action} {w.toolName}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
