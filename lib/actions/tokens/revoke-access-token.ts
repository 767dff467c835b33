"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { revokeAccessToken } from "@/lib/services/tokens/access-tokens.service";

const ZRevokeAccessTokenForm = z.object({ tokenId: z.string() });

/** Revokes one of the signed-in user's tokens; another owner's id is simply not found. */
export async function revokeAccessTokenAction(_previous: unknown, form: FormData): Promise<TActionResult<{ id: string }>> {
  return runAction(form, ZRevokeAccessTokenForm, async (actor, { tokenId }) => {
    const token = await revokeAccessToken(actor, tokenId);
    revalidatePath("/settings/tokens");
    return { id: token.tokenId };
  });
}
