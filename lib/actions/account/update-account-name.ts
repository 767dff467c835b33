"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { updateAccountName } from "@/lib/services/users/account.service";

const ZAccountNameForm = z.object({ name: z.string().default("") });

/** Sets the name shown in the header (empty: the e-mail is shown instead). */
export async function updateAccountNameAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  return runAction(form, ZAccountNameForm, async (actor, input) => {
    await updateAccountName(actor, input);
    revalidatePath("/", "layout");
    return {};
  });
}
