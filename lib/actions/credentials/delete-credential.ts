"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { deleteCredential } from "@/lib/services/credentials/credentials.service";

const ZDeleteCredentialForm = z.object({ id: z.string() });

/** Deletes a credential (its bindings go with it) and returns to the list. */
export async function deleteCredentialAction(_previous: unknown, form: FormData): Promise<TActionResult<{ redirectTo: string }>> {
  const result = await runAction(form, ZDeleteCredentialForm, async (actor, { id }) => {
    await deleteCredential(actor, id);
    return {};
  });
  if (!result.ok) return result;
  revalidatePath("/credentials", "layout");
  revalidatePath("/budgets", "layout");
  revalidatePath("/warnings");
  // The client navigates (after its notice), so that the notice and the focus are its own.
  return { ok: true, redirectTo: "/credentials" };
}
