"use server";

import { z } from "zod";
import { runActionWithoutSession, type TActionResult } from "@/lib/actions/run-action";
import { createUser } from "@/lib/services/users/users.service";

/** An empty name is no name: the service's rules for it apply only when one is given. */
const ZSignUpForm = z.object({
  email: z.string(),
  password: z.string(),
  name: z
    .string()
    .optional()
    .transform((name) => name?.trim() || undefined),
});

/**
 * Creates an account. It runs without a session (that is its point). The answer carries nothing of the
 * input: the browser still holds what was typed and signs in with it.
 */
export async function signUpAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  return runActionWithoutSession(form, ZSignUpForm, async (input) => {
    await createUser(input);
    return {};
  });
}
