"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { updateCredential } from "@/lib/services/credentials/credentials.service";

export type TUpdateCredentialPayload = { name: string; fields: { key: string; value: string }[] };

/** Secret fields left out keep their value: the form sends only the secrets that were typed. */
export async function updateCredentialAction(id: string, payload: TUpdateCredentialPayload) {
  const result = await runAction(async (actor) => {
    const credential = await updateCredential(actor, id, payload);
    return { credentialId: credential._id.toString() };
  });
  if (result.ok) {
    revalidatePath("/credentials", "layout");
    revalidatePath("/budgets", "layout");
  }
  return result;
}
