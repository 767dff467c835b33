"use server";

import { revalidatePath } from "next/cache";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { ZBudgetFormEntries } from "@/lib/actions/budgets/budget-form";
import { createBudget } from "@/lib/services/budgets/budgets.service";
import { centsFromDollars } from "@/lib/services/budgets/money";

/** Creates a budget and opens it, where tools and keys are added next. */
export async function createBudgetAction(_previous: unknown, form: FormData): Promise<TActionResult<{ budgetId: string; redirectTo: string }>> {
  const result = await runAction(form, ZBudgetFormEntries, async (actor, { name, limit }) => {
    const budget = await createBudget(actor, { name, limitCents: centsFromDollars(limit) });
    return { budgetId: budget._id.toString() };
  });
  if (!result.ok) return result;
  revalidatePath("/budgets");
  return { ...result, redirectTo: `/budgets/${result.budgetId}` };
}
