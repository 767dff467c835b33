"use server";

import { revalidatePath } from "next/cache";
import { formString, runAction, type TActionResult } from "@/lib/actions/run-action";
import { revokeAccessToken } from "@/lib/services/tokens/access-tokens.service";

/** Revokes one of the signed-in user's tokens; another owner's id is simply not found. */
export async function revokeAccessTokenAction(_previous: unknown, form: FormData): Promise<TActionResult<{ id: string }>> {
  const result = await runAction(async (actor) => {
    const token = await revokeAccessToken(actor, formString(form, "tokenId"));
    return { id: token.tokenId };
  });
  if (result.ok) revalidatePath("/settings/tokens");
  return result;
}
