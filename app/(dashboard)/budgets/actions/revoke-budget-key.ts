"use server";

import { revalidatePath } from "next/cache";
import { formString, runAction, type TActionResult } from "@/lib/actions/run-action";
import { revokeBudgetKey } from "@/lib/services/budget-keys/budget-keys.service";

/** Revokes a budget key: agents using it are refused from the next call. */
export async function revokeBudgetKeyAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  const result = await runAction(async (actor) => {
    const revoked = await revokeBudgetKey(actor, formString(form, "keyId"));
    return { budgetId: revoked.budgetId.toString() };
  });
  if (!result.ok) return result;
  revalidatePath(`/budgets/${result.budgetId}`);
  return { ok: true };
}
