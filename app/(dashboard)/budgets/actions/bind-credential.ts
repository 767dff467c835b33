"use server";

import { revalidatePath } from "next/cache";
import { formString, runAction, type TActionResult } from "@/lib/actions/run-action";
import { bindCredential } from "@/lib/services/bindings/bindings.service";

/** Makes the budget use this credential when its agents call the tool (replacing any other). */
export async function bindCredentialAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  const budgetId = formString(form, "budgetId");
  const result = await runAction(async (actor) => {
    await bindCredential(actor, {
      budgetId,
      toolSlug: formString(form, "toolSlug"),
      credentialId: formString(form, "credentialId"),
    });
    return {};
  });
  if (result.ok) {
    revalidatePath("/budgets");
    revalidatePath(`/budgets/${budgetId}`);
    revalidatePath("/credentials");
  }
  return result;
}
