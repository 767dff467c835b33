import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/require-session";
import { env } from "@/lib/env";
import { CHART_BUDGETS, usageByDay } from "@/lib/services/overview/usage-by-day";
import { findTool } from "@/lib/services/tools/tools.service";
import { sampleInput } from "@/lib/services/tools/sample-input";
import { gettingStarted } from "@/lib/services/overview/getting-started";
import { listBudgets } from "@/lib/services/budgets/budgets.service";
import { listKeysOfBudgets } from "@/lib/services/budget-keys/budget-keys.service";
import { listRecentUsage } from "@/lib/services/usage/usage.service";
import { listWarnings } from "@/lib/services/warnings/warnings.service";
import { PageHeader } from "@/components/ui/page-header";
import { GettingStarted } from "@/components/home/getting-started";
import { AtAGlance, type TRecentCall } from "@/components/home/at-a-glance";
import { UsageChart, fillDays, type TChartDay } from "@/components/usage/usage-chart";

export const metadata: Metadata = { title: "Home" };

// The latest calls come from the budgets whose keys were used last: a bounded number of queries.
const RECENT_BUDGETS = 3;
const RECENT_CALLS = 8;

export default async function HomePage() {
  const actor = await requireSession();
  const [start, budgets, warnings] = await Promise.all([gettingStarted(actor), listBudgets(actor), listWarnings(actor)]);
  // The first call's command: the ready tool with an input made from its schema.
  const ready = start.readyToolSlug ? await findTool(actor, start.readyToolSlug) : null;
  const tryIt = ready ? { appUrl: env().APP_URL, toolSlug: ready.slug, input: sampleInput(ready.inputSchema) } : null;
  let calls: TRecentCall[] = [];
  let chart: TChartDay[] = [];
  let charted = 0;
  if (start.complete) {
    const keys = await listKeysOfBudgets(actor, budgets.map((b) => b._id));
    const lastUse = new Map<string, number>();
    for (const key of keys) {
      const id = key.budgetId.toString();
      if (key.lastUsedAt) lastUse.set(id, Math.max(lastUse.get(id) ?? 0, key.lastUsedAt.getTime()));
    }
    const recent = budgets.filter((b) => lastUse.has(b._id.toString())).sort((a, b) => lastUse.get(b._id.toString())! - lastUse.get(a._id.toString())!).slice(0, RECENT_BUDGETS);
    const perBudget = await Promise.all(recent.map(async (b) => (await listRecentUsage(actor, b._id, RECENT_CALLS)).map((call) => ({ ...call, budgetId: b._id.toString(), budgetName: b.name }))));
    calls = perBudget.flat().sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, RECENT_CALLS);
    const byDay = await usageByDay(actor, new Map(budgets.filter((b) => lastUse.has(b._id.toString())).map((b) => [b._id.toString(), { id: b._id, at: lastUse.get(b._id.toString())! }])));
    chart = fillDays(byDay.days);
    charted = byDay.budgets;
  }
  return (
    <>
      <PageHeader title="Home" description="Your agents call tools through Vaultline with a budget key; Vaultline adds the credential, calls the vendor and keeps count." />
      <div className="space-y-6">
        {start.complete ? (
          <>
            <UsageChart
              days={chart}
              description={charted < CHART_BUDGETS ? "Calls and spend per day (UTC), across your budgets." : `Calls and spend per day (UTC), across the ${CHART_BUDGETS} budgets used most recently.`}
            />
            <AtAGlance budgets={budgets} warnings={warnings} calls={calls} />
          </>
        ) : (
          <GettingStarted state={start} tryIt={tryIt} />
        )}
      </div>
    </>
  );
}
