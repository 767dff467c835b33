"use server";

import { revalidatePath } from "next/cache";
import { formString, runAction, type TActionResult } from "@/lib/actions/run-action";
import { removeToolFromBudget } from "@/lib/services/budgets/budgets.service";

/** Stops the budget's keys from calling a tool (its binding goes with it). */
export async function removeBudgetToolAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  const budgetId = formString(form, "budgetId");
  const result = await runAction(async (actor) => {
    await removeToolFromBudget(actor, budgetId, formString(form, "toolSlug"));
    return {};
  });
  if (result.ok) {
    revalidatePath("/budgets");
    revalidatePath(`/budgets/${budgetId}`);
    revalidatePath("/credentials");
  }
  return result;
}
