"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { verifyCredential } from "@/lib/services/credentials/verify-credential";

const ZVerifyCredentialForm = z.object({ credentialId: z.string() });

/** Test: runs the integration's verify request with the credential; only the outcome comes back. */
export async function verifyCredentialAction(_previous: unknown, form: FormData): Promise<TActionResult<{ outcome: string; status: number | null }>> {
  return runAction(form, ZVerifyCredentialForm, async (actor, { credentialId }) => {
    const { outcome, status } = await verifyCredential(actor, credentialId);
    revalidatePath(`/credentials/${credentialId}`);
    return { outcome, status };
  });
}
