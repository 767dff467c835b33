"use server";

import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { currentSessionId } from "@/lib/auth/current-session";
import { changePassword } from "@/lib/services/users/account.service";

const ZChangePasswordForm = z.object({ currentPassword: z.string().default(""), newPassword: z.string().default("") });

/** Changes the password (the current one checked first); the person's other sessions end. */
export async function changePasswordAction(_previous: unknown, form: FormData): Promise<TActionResult<{ endedSessions: number }>> {
  return runAction(form, ZChangePasswordForm, async (actor, input) => changePassword(actor, input, await currentSessionId()));
}
