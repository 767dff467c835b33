// The home page's chart: calls and spend per day summed over the budgets used last. Each budget costs one
// roll-up lookup per day (usage.service), so the number of budgets is bounded, whatever the owner has.
import type { Types } from "mongoose";
import type { TActor } from "@/lib/services/actor";
import { usageSummary } from "@/lib/services/usage/usage.service";
import type { TUsageTotals } from "@/models/usage-day";

export const CHART_BUDGETS = 10;
const DAY_MS = 86_400_000;

export type TDaySum = TUsageTotals & { day: string };

/**
 * Per-day totals of the last 30 days over at most CHART_BUDGETS budgets, those whose keys were used last
 * (within the 30 days); `budgets` says how many were summed.
 */
export async function usageByDay(actor: TActor, lastUse: Map<string, { id: Types.ObjectId; at: number }>, now = Date.now()): Promise<{ days: TDaySum[]; budgets: number }> {
  const used = [...lastUse.values()].filter((b) => b.at >= now - 30 * DAY_MS).sort((a, b) => b.at - a.at).slice(0, CHART_BUDGETS);
  const sums = new Map<string, TDaySum>();
  for (const summary of await Promise.all(used.map((b) => usageSummary(actor, b.id, {}, now)))) {
    for (const d of summary.byDay) {
      const acc = sums.get(d.day) ?? { day: d.day, calls: 0, costCents: 0, errors: 0 };
      acc.calls += d.calls;
      acc.costCents += d.costCents;
      acc.errors += d.errors;
      sums.set(d.day, acc);
    }
  }
  return { days: [...sums.values()], budgets: used.length };
}
