"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { bindCredential } from "@/lib/services/bindings/bindings.service";

const ZBindCredentialForm = z.object({
  budgetId: z.string(),
  toolSlug: z.string().optional(),
  integrationSlug: z.string().optional(),
  credentialId: z.string(),
});

/** Makes the budget use this credential when its agents call the tool, or any tool of the integration (replacing any other). */
export async function bindCredentialAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  return runAction(form, ZBindCredentialForm, async (actor, input) => {
    await bindCredential(actor, input);
    revalidatePath("/budgets");
    revalidatePath(`/budgets/${input.budgetId}`);
    revalidatePath("/credentials");
    return {};
  });
}
