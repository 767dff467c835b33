"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { deleteBudget } from "@/lib/services/budgets/budgets.service";

const ZDeleteBudgetForm = z.object({ budgetId: z.string() });

/** Deletes a budget with its keys and bindings, then goes back to the list. */
export async function deleteBudgetAction(_previous: unknown, form: FormData): Promise<TActionResult<{ redirectTo: string }>> {
  const result = await runAction(form, ZDeleteBudgetForm, async (actor, { budgetId }) => {
    await deleteBudget(actor, budgetId);
    return {};
  });
  if (!result.ok) return result;
  revalidatePath("/budgets");
  revalidatePath("/credentials");
  // The client navigates (after its notice), so that the notice and the focus are its own.
  return { ok: true, redirectTo: "/budgets" };
}
