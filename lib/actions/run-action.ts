// The one mapper for server actions: resolves the session, runs the service call, and turns errors into
// { ok: false, error: { code, message, fieldErrors? } }. Never a thrown stack, never an input value back.
import { randomUUID } from "node:crypto";
import { sessionActor } from "@/lib/auth/request-actor";
import { connectDb } from "@/lib/db/connection";
import { requireUser, type TUserActor } from "@/lib/services/actor";
import { AppError, ValidationError, type TFieldErrors } from "@/lib/services/errors";
import { logger } from "@/lib/log/logger";

export type TActionError = { code: string; message: string; fieldErrors?: TFieldErrors };
export type TActionResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: TActionError };

export async function runAction<T extends object>(fn: (actor: TUserActor) => Promise<T>): Promise<TActionResult<T>> {
  try {
    await connectDb();
    const { ownerId } = requireUser(await sessionActor());
    return { ok: true, ...(await fn({ kind: "user", userId: ownerId.toHexString() })) };
  } catch (error) {
    return { ok: false, error: toActionError(error) };
  }
}

/**
 * An error thrown by a service, as an action result's error. The only mapping of errors for server actions:
 * runAction uses it, and so do the few actions that run without a session (sign-up). Unknown errors are
 * logged with a request id and answered with a generic message: their text never reaches the browser.
 */
export function toActionError(error: unknown): TActionError {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : {}) };
  }
  const requestId = randomUUID();
  logger.error({ err: error, requestId }, "server action failed");
  return { code: "internal_error", message: `Something went wrong (reference ${requestId.slice(0, 8)}).` };
}

/** A form field as a string ("" when absent), for actions that take FormData. */
export function formString(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
