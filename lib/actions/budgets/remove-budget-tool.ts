"use server";

import { revalidatePath } from "next/cache";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { ZBudgetToolForm } from "@/lib/actions/budgets/budget-tool-form";
import { removeToolFromBudget } from "@/lib/services/budgets/budgets.service";

/** Stops the budget's keys from calling a tool (its binding goes with it). */
export async function removeBudgetToolAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  return runAction(form, ZBudgetToolForm, async (actor, { budgetId, toolSlug }) => {
    await removeToolFromBudget(actor, budgetId, toolSlug);
    revalidatePath("/budgets");
    revalidatePath(`/budgets/${budgetId}`);
    revalidatePath("/credentials");
    return {};
  });
}
