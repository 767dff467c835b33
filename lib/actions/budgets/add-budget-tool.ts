"use server";

import { revalidatePath } from "next/cache";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { ZBudgetToolForm } from "@/lib/actions/budgets/budget-tool-form";
import { addToolAndBindSoleCredential } from "@/lib/services/bindings/bindings.service";

/** Lets the budget's keys call one more tool, bound at once to its credential when there is only one. */
export async function addBudgetToolAction(
  _previous: unknown,
  form: FormData,
): Promise<TActionResult<{ toolSlug: string; boundCredentialName: string | null }>> {
  return runAction(form, ZBudgetToolForm, async (actor, { budgetId, toolSlug }) => {
    const { boundCredential } = await addToolAndBindSoleCredential(actor, budgetId, toolSlug);
    revalidatePath("/budgets");
    revalidatePath(`/budgets/${budgetId}`);
    revalidatePath("/credentials");
    revalidatePath("/warnings");
    return { toolSlug, boundCredentialName: boundCredential?.name ?? null };
  });
}
