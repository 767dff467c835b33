// What a budget's caps leave this period: one row per cap, with the period each figure covers and when
// it resets. Reads the current periods' counters by `_id` (at most three).
import { SpendWindow } from "@/models/spend-window";
import { capOf, currentPeriods, windowId } from "@/lib/gateway/state/spend-windows";
import type { TBudgetRecord } from "@/lib/services/budgets/budgets.service";
import type { TWindowKind } from "@/lib/services/budgets/spend-periods";

export type TSpendWindowReport = {
  period: TWindowKind | "lifetime";
  limitCents: number;
  spentCents: number;
  remainingCents: number;
  startsAt: Date | null;
  resetsAt: Date | null;
};

/** The budget's caps and their use (the caller already owns `budget`: it came from getBudget). */
export async function spendWindowsOf(budget: TBudgetRecord): Promise<TSpendWindowReport[]> {
  const rows: TSpendWindowReport[] = [];
  const budgetId = budget._id.toString();
  const periods = currentPeriods(budget);
  const ids = periods.map((p) => windowId(budgetId, p));
  const docs = ids.length ? await SpendWindow.find({ _id: { $in: ids } }, { spentCents: 1 }).lean() : [];
  const spent = new Map(docs.map((d) => [d._id, d.spentCents ?? 0]));
  periods.forEach((period, i) => {
    const limitCents = capOf(budget, period.kind)!;
    const spentCents = spent.get(ids[i]!) ?? 0;
    rows.push({ period: period.kind, limitCents, spentCents, remainingCents: Math.max(0, limitCents - spentCents), startsAt: period.startsAt, resetsAt: period.resetsAt });
  });
  if (budget.limitCents !== null && budget.limitCents !== undefined) {
    const spentCents = budget.spentCents ?? 0;
    rows.push({ period: "lifetime", limitCents: budget.limitCents, spentCents, remainingCents: Math.max(0, budget.limitCents - spentCents), startsAt: null, resetsAt: null });
  }
  return rows;
}
