"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { currentSessionId } from "@/lib/auth/current-session";
import { closeOtherSessions } from "@/lib/services/users/dashboard-sessions.service";

/** Ends every dashboard session of the person but this one (another browser, a lost laptop). */
export async function signOutOtherSessionsAction(_previous: unknown, form: FormData): Promise<TActionResult<{ ended: number }>> {
  return runAction(form, z.object({}), async (actor) => {
    const ended = await closeOtherSessions(actor.userId, await currentSessionId());
    revalidatePath("/account");
    return { ended };
  });
}
