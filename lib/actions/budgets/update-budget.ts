"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { ZBudgetFormEntries } from "@/lib/actions/budgets/budget-form";
import { updateBudget } from "@/lib/services/budgets/budgets.service";
import { centsFromDollars } from "@/lib/services/budgets/money";

const ZUpdateBudgetForm = ZBudgetFormEntries.extend({ budgetId: z.string() });

/** Renames a budget and sets its spending limit (an empty limit removes it). */
export async function updateBudgetAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  return runAction(form, ZUpdateBudgetForm, async (actor, { budgetId, name, limit }) => {
    await updateBudget(actor, budgetId, { name, limitCents: centsFromDollars(limit) });
    revalidatePath("/budgets");
    revalidatePath(`/budgets/${budgetId}`);
    return {};
  });
}
