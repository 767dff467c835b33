"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { ZCredentialFormEntries } from "@/lib/actions/credentials/credential-form";
import { createCredentialForBudget } from "@/lib/services/bindings/bindings.service";
import { verifyCredential } from "@/lib/services/credentials/verify-credential";

const ZCreateCredentialForm = ZCredentialFormEntries.and(
  z.object({
    toolSlug: z.string(),
    /** From a setup link: bind the new credential to this budget on save (absent or "" for none). */
    budgetId: z.string().optional(),
    /** yyyy-mm-dd, or "" for none. */
    expiresAt: z.string().optional(),
  }),
);

/** Saves a credential for a tool and, from a setup link, binds it to that budget. Only ids come back. */
export async function createCredentialAction(
  _previous: unknown,
  form: FormData,
): Promise<TActionResult<{ credentialId: string; boundBudgetId: string | null }>> {
  return runAction(form, ZCreateCredentialForm, async (actor, { toolSlug, name, fields, budgetId, expiresAt }) => {
    const { credential, binding } = await createCredentialForBudget(actor, { toolSlug, name, fields, ...(expiresAt ? { expiresAt } : {}) }, budgetId || null);
    // Saved whatever the vendor says; the credential's page says what it said.
    await verifyCredential(actor, credential._id.toString());
    revalidatePath("/credentials");
    revalidatePath("/budgets", "layout");
    revalidatePath("/warnings");
    return { credentialId: credential._id.toString(), boundBudgetId: binding ? binding.budgetId.toString() : null };
  });
}
