"use server";

import { revalidatePath } from "next/cache";
import { formString, runAction, type TActionResult } from "@/lib/actions/run-action";
import { addToolToBudget } from "@/lib/services/budgets/budgets.service";

/** Lets the budget's keys call one more tool. */
export async function addBudgetToolAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  const budgetId = formString(form, "budgetId");
  const result = await runAction(async (actor) => {
    await addToolToBudget(actor, budgetId, formString(form, "toolSlug"));
    return {};
  });
  if (result.ok) {
    revalidatePath("/budgets");
    revalidatePath(`/budgets/${budgetId}`);
  }
  return result;
}
