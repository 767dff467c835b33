"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { createAccessToken } from "@/lib/services/tokens/access-tokens.service";

const ZCreateAccessTokenForm = z.object({ name: z.string() });

export type TCreatedAccessToken = {
  /** The token itself: returned this once, to be shown once. Only its hash is stored. */
  token: string;
  accessToken: { id: string; name: string; prefix: string };
};

/** Creates a personal access token for the API; the token is in this result once. */
export async function createAccessTokenAction(_previous: unknown, form: FormData): Promise<TActionResult<TCreatedAccessToken>> {
  return runAction(form, ZCreateAccessTokenForm, async (actor, { name }) => {
    const { token, accessToken } = await createAccessToken(actor, name);
    revalidatePath("/settings/tokens");
    return { token, accessToken: { id: accessToken.tokenId, name: accessToken.name, prefix: accessToken.prefix } };
  });
}
