"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { configureOAuthClient } from "@/lib/services/oauth/oauth.service";

const ZConfigureOAuthClientForm = z.object({
  integrationSlug: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  scopes: z.string().optional(),
});

/** Saves the owner's OAuth client of an integration (the secret is encrypted and never shown again). */
export async function configureOAuthClientAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  return runAction(form, ZConfigureOAuthClientForm, async (actor, { scopes, ...input }) => {
    const list = scopes?.split(/\s+/).filter(Boolean);
    await configureOAuthClient(actor, { ...input, ...(list?.length ? { scopes: list } : {}) });
    revalidatePath("/integrations");
    return {};
  });
}
