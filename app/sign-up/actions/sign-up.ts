"use server";

import { connectDb } from "@/lib/db/connection";
import { toActionError, type TActionResult } from "@/lib/actions/run-action";
import { createUser } from "@/lib/services/users/users.service";

/**
 * Creates an account. It runs without a session (that is its point), so it does not use runAction's
 * session check, only its error mapping. The answer carries nothing of the input: the browser still holds
 * what was typed and signs in with it.
 */
export async function signUpAction(input: { email: unknown; password: unknown; name?: unknown }): Promise<TActionResult> {
  try {
    await connectDb();
    await createUser({ email: input?.email, password: input?.password, name: input?.name });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: toActionError(error) };
  }
}
