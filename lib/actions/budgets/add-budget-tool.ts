"use server";

import { revalidatePath } from "next/cache";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { ZBudgetToolForm } from "@/lib/actions/budgets/budget-tool-form";
import { addToolToBudget } from "@/lib/services/budgets/budgets.service";

/** Lets the budget's keys call one more tool. */
export async function addBudgetToolAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  return runAction(form, ZBudgetToolForm, async (actor, { budgetId, toolSlug }) => {
    await addToolToBudget(actor, budgetId, toolSlug);
    revalidatePath("/budgets");
    revalidatePath(`/budgets/${budgetId}`);
    return {};
  });
}
