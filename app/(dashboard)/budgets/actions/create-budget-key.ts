"use server";

import { revalidatePath } from "next/cache";
import { formString, runAction, type TActionResult } from "@/lib/actions/run-action";
import { createBudgetKey } from "@/lib/services/budget-keys/budget-keys.service";

/**
 * Creates a budget key. The key itself is in this result once (the only secret an action returns) and is
 * stored nowhere readable: the list shows its prefix from then on.
 */
export async function createBudgetKeyAction(
  _previous: unknown,
  form: FormData,
): Promise<TActionResult<{ key: string; budgetKey: { keyId: string; name: string; prefix: string } }>> {
  const budgetId = formString(form, "budgetId");
  const result = await runAction(async (actor) => {
    const { key, budgetKey } = await createBudgetKey(actor, budgetId, formString(form, "name"));
    return { key, budgetKey: { keyId: budgetKey.keyId, name: budgetKey.name, prefix: budgetKey.prefix } };
  });
  if (result.ok) revalidatePath(`/budgets/${budgetId}`);
  return result;
}
