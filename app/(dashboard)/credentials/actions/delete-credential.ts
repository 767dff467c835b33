"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { deleteCredential } from "@/lib/services/credentials/credentials.service";

export async function deleteCredentialAction(id: string) {
  const result = await runAction(async (actor) => ({ deleted: await deleteCredential(actor, id) }));
  if (result.ok) {
    revalidatePath("/credentials", "layout");
    revalidatePath("/budgets", "layout");
    revalidatePath("/warnings");
  }
  return result;
}
