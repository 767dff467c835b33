"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { createBudgetKey } from "@/lib/services/budget-keys/budget-keys.service";

const ZCreateBudgetKeyForm = z.object({ budgetId: z.string(), name: z.string() });

export type TCreatedBudgetKey = {
  /** The key itself: in this result once, to be shown once. Only its hash is stored. */
  key: string;
  budgetKey: { keyId: string; name: string; prefix: string };
};

/**
 * Creates a budget key. The key is one of the two secrets an action returns (with a new access token),
 * once; the list shows its prefix from then on.
 */
export async function createBudgetKeyAction(_previous: unknown, form: FormData): Promise<TActionResult<TCreatedBudgetKey>> {
  return runAction(form, ZCreateBudgetKeyForm, async (actor, { budgetId, name }) => {
    const { key, budgetKey } = await createBudgetKey(actor, budgetId, name);
    revalidatePath(`/budgets/${budgetId}`);
    return { key, budgetKey: { keyId: budgetKey.keyId, name: budgetKey.name, prefix: budgetKey.prefix } };
  });
}
