"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { revokeBudgetKey } from "@/lib/services/budget-keys/budget-keys.service";

const ZRevokeBudgetKeyForm = z.object({ keyId: z.string() });

/** Revokes a budget key: agents using it are refused from the next call. */
export async function revokeBudgetKeyAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  return runAction(form, ZRevokeBudgetKeyForm, async (actor, { keyId }) => {
    const revoked = await revokeBudgetKey(actor, keyId);
    revalidatePath(`/budgets/${revoked.budgetId.toString()}`);
    return {};
  });
}
