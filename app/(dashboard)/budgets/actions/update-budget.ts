"use server";

import { revalidatePath } from "next/cache";
import { formString, runAction, type TActionResult } from "@/lib/actions/run-action";
import { updateBudget } from "@/lib/services/budgets/budgets.service";
import { centsFromDollars } from "@/lib/services/budgets/money";

/** Renames a budget and sets its spending limit (an empty limit removes it). */
export async function updateBudgetAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  const budgetId = formString(form, "budgetId");
  const result = await runAction(async (actor) => {
    await updateBudget(actor, budgetId, {
      name: formString(form, "name"),
      limitCents: centsFromDollars(formString(form, "limit")),
    });
    return {};
  });
  if (result.ok) {
    revalidatePath("/budgets");
    revalidatePath(`/budgets/${budgetId}`);
  }
  return result;
}
