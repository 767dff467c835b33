import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { TimeAgo } from "@/components/ui/time-ago";
import { WarningIcon } from "@/components/ui/icons";
import { SpendMeter } from "@/components/budgets/spend-meter";
import { CallStatus } from "@/components/budgets/call-status";
import type { TBudgetRecord } from "@/lib/services/budgets/budgets.service";
import type { TUsageView } from "@/lib/services/usage/usage.service";
import type { TWarningView } from "@/lib/services/warnings/warnings.service";
import { WARNING_COPY } from "@/components/dashboard/warning-list";

const SHOWN = 5;

export type TRecentCall = TUsageView & { budgetId: string; budgetName: string };

/** Once set up: where the money goes, what needs fixing, and what agents did last. */
export function AtAGlance({ budgets, warnings, calls }: { budgets: TBudgetRecord[]; warnings: TWarningView[]; calls: TRecentCall[] }) {
  const bySpend = [...budgets].sort((a, b) => (b.spentCents ?? 0) - (a.spentCents ?? 0)).slice(0, SHOWN);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader title="Spending" description="What each budget has spent since it was created, against its limit." />
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {bySpend.map((budget) => (
            <li key={budget._id.toString()} className="px-5 py-3">
              <Link href={`/budgets/${budget._id.toString()}`} className="text-sm font-medium hover:underline">
                {budget.name}
              </Link>
              <div className="mt-1">
                <SpendMeter spentCents={budget.spentCents ?? 0} limitCents={budget.limitCents ?? null} />
              </div>
            </li>
          ))}
        </ul>
        <MoreLink count={budgets.length} href="/budgets" noun="budgets" />
      </Card>

      <Card>
        <CardHeader title="Needs your attention" description="Tools that agents cannot call until you act." />
        {warnings.length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-400">Nothing: every tool of every budget is ready.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {warnings.slice(0, SHOWN).map((warning) => {
              // Every kind of warning in the words of the warnings page (a missing credential, one to reconnect, ...).
              const copy = WARNING_COPY[warning.kind];
              const link = new URL(warning.setupUrl);
              return (
                <li key={`${warning.kind}:${warning.budgetId.toString()}:${warning.toolSlug}`} className="flex items-start gap-3 px-5 py-3 text-sm">
                  <WarningIcon className="mt-0.5 h-4 w-4 shrink-0 text-amber-600 dark:text-amber-400" />
                  <p className="min-w-0">
                    {copy.title} {warning.toolName} in {warning.budgetName}.{" "}
                    <Link href={link.pathname + link.search} className="font-medium text-indigo-700 hover:underline dark:text-indigo-400">
                      {copy.action}
                    </Link>
                  </p>
                </li>
              );
            })}
          </ul>
        )}
        <MoreLink count={warnings.length} href="/warnings" noun="warnings" />
      </Card>

      <Card className="lg:col-span-2">
        <CardHeader title="Latest calls" description="The last calls agents made, across your most recently used budgets." />
        {calls.length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-400">No calls yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {calls.map((call) => (
              <li key={call.requestId} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-2.5 text-sm">
                <CallStatus status={call.status} />
                <span className="font-mono text-xs">{call.toolSlug}</span>
                {call.errorCode ? <code className="font-mono text-xs text-zinc-700 dark:text-zinc-300">{call.errorCode}</code> : null}
                <Link href={`/budgets/${call.budgetId}#recent-calls`} className="text-zinc-600 hover:underline dark:text-zinc-400">
                  {call.budgetName}
                </Link>
                <span className="ml-auto text-zinc-600 dark:text-zinc-400">
                  <TimeAgo date={call.at} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

/** The link to the whole list under a card that shows its first few. */
function MoreLink({ count, href, noun }: { count: number; href: string; noun: string }) {
  if (count <= SHOWN) return null;
  return (
    <p className="border-t border-zinc-200 px-5 py-3 text-sm dark:border-zinc-800">
      <Link href={href} className="font-medium text-indigo-700 hover:underline dark:text-indigo-400">
        All {count} {noun}
      </Link>
    </p>
  );
}
