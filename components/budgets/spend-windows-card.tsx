import { Card, CardHeader } from "@/components/ui/card";
import { formatCents } from "@/lib/services/budgets/money";
import type { TSpendWindowReport } from "@/lib/services/budgets/spend-report";

// The budget's caps, each with the period its figures cover and when it resets, and the one rule of
// which calls are charged (the error catalog's `charged`, lib/services/invoke/error-codes.ts).

const PERIOD_NAMES = { day: "Today", week: "This week", month: "This month", lifetime: "Since the budget was created" } as const;

function when(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function SpendWindowsCard({ windows, timeZone, perCallLimitCents, rateLimits }: {
  windows: TSpendWindowReport[];
  timeZone: string;
  perCallLimitCents: number | null;
  rateLimits: { budget: number | null; key: number | null };
}) {
  return (
    <Card>
      <CardHeader title="Spend caps and rate limits" description={`Calendar periods in ${timeZone}. Spent figures lag calls by about a second.`} />
      <div className="px-5 py-4">
        {windows.length ? (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {windows.map((w) => (
              <li key={w.period} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
                <span className="font-medium">{PERIOD_NAMES[w.period]}</span>
                <span className="tabular-nums">
                  {formatCents(w.spentCents)} of {formatCents(w.limitCents)} spent, {formatCents(w.remainingCents)} left
                </span>
                <span className="w-full text-xs text-zinc-600 dark:text-zinc-400">
                  {w.startsAt && w.resetsAt ? `From ${when(w.startsAt, timeZone)}; resets ${when(w.resetsAt, timeZone)} (${timeZone}).` : "Never resets."}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No spend caps: calls are counted, never refused for cost.</p>
        )}
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          {perCallLimitCents === null ? "No per-call cap." : `A call may cost at most ${formatCents(perCallLimitCents)}.`}{" "}
          {rateLimits.budget ? `${rateLimits.budget} calls a minute for the budget.` : "No rate limit for the budget."}{" "}
          {rateLimits.key ? `${rateLimits.key} calls a minute per key.` : "No rate limit per key unless a key sets one."}
        </p>
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          <strong className="font-medium text-zinc-800 dark:text-zinc-200">Which calls are charged:</strong> a call costs its tool&apos;s cost once
          the vendor had the whole request, since it may have done the work: any answer, a timeout, a dropped connection, an answer too large or a
          redirect elsewhere. Calls refused before the vendor (input, key, caps, rate limits) or a vendor that could not be reached cost nothing.
        </p>
      </div>
    </Card>
  );
}
