"use server";

import { revalidatePath } from "next/cache";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { createAccessToken } from "@/lib/services/tokens/access-tokens.service";

export type TCreatedAccessToken = {
  /** The token itself: returned this once, to be shown once. Only its hash is stored. */
  token: string;
  accessToken: { id: string; name: string; prefix: string };
};

export async function createAccessTokenAction(input: { name: unknown }): Promise<TActionResult<TCreatedAccessToken>> {
  const result = await runAction(async (actor) => {
    const { token, accessToken } = await createAccessToken(actor, input?.name);
    return { token, accessToken: { id: accessToken.tokenId, name: accessToken.name, prefix: accessToken.prefix } };
  });
  if (result.ok) revalidatePath("/settings/tokens");
  return result;
}
