"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { ZCredentialFormEntries } from "@/lib/actions/credentials/credential-form";
import { updateCredential } from "@/lib/services/credentials/credentials.service";

// expiresAt: yyyy-mm-dd, "" to remove it, absent to keep it.
const ZUpdateCredentialForm = ZCredentialFormEntries.and(z.object({ id: z.string(), expiresAt: z.string().optional() }));

/** Secret fields left out keep their value: the form sends only the secrets that were typed. */
export async function updateCredentialAction(_previous: unknown, form: FormData): Promise<TActionResult<{ credentialId: string }>> {
  return runAction(form, ZUpdateCredentialForm, async (actor, { id, name, fields, expiresAt }) => {
    const expiry = expiresAt === undefined ? {} : { expiresAt: expiresAt || null };
    const credential = await updateCredential(actor, id, { name, fields, ...expiry });
    revalidatePath("/credentials", "layout");
    revalidatePath("/budgets", "layout");
    return { credentialId: credential._id.toString() };
  });
}
