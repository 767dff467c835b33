"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { createCredentialForBudget } from "@/lib/services/bindings/bindings.service";

export type TCreateCredentialPayload = {
  toolSlug: string;
  name: string;
  fields: { key: string; value: string }[];
  /** From a setup link: bind the new credential to this budget on save. */
  budgetId?: string | null;
};

export async function createCredentialAction(payload: TCreateCredentialPayload) {
  const result = await runAction(async (actor) => {
    const { credential, binding } = await createCredentialForBudget(actor, payload, payload.budgetId);
    // Only ids go back to the browser: never a value, secret or not.
    return { credentialId: credential._id.toString(), boundBudgetId: binding ? binding.budgetId.toString() : null };
  });
  if (result.ok) {
    revalidatePath("/credentials");
    revalidatePath("/budgets", "layout");
    revalidatePath("/warnings");
  }
  return result;
}
