// The one way a server action runs. Every action is `(previous, form: FormData)`, the shape
// useActionState calls it with: runAction reads the form's text entries, checks them against the action's
// zod schema, resolves the session, runs the service call, and turns errors into
// { ok: false, error: { code, message, fieldErrors? } }. Never a thrown stack, never an input value back.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { sessionActor } from "@/lib/auth/request-actor";
import { connectDb } from "@/lib/db/connection";
import { requireUser, type TUserActor } from "@/lib/services/actor";
import { AppError, ValidationError, fieldErrorsFromIssues, type TFieldErrors } from "@/lib/services/errors";
import { logger } from "@/lib/log/logger";
import { headers } from "next/headers";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { requestAuditContext, withAuditContext } from "@/lib/services/audit/audit-context";

export type TActionError = { code: string; message: string; fieldErrors?: TFieldErrors };
export type TActionResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: TActionError };
/** What every action looks like to a form. */
export type TFormAction<T extends object = object> = (previous: unknown, form: FormData) => Promise<TActionResult<T>>;

/** Runs `fn` for the signed-in user with the form's entries as `schema` parses them. */
export async function runAction<TSchema extends z.ZodType, T extends object>(
  form: FormData,
  schema: TSchema,
  fn: (actor: TUserActor, input: z.output<TSchema>) => Promise<T>,
): Promise<TActionResult<T>> {
  return settle(async () => {
    await connectDb();
    const { ownerId } = requireUser(await sessionActor());
    const actor: TUserActor = { kind: "user", userId: ownerId.toHexString() };
    const input = parseForm(form, schema);
    return withAuditContext(requestAuditContext(actor, clientAddressFrom(await headers()), randomUUID()), () => fn(actor, input));
  });
}

/** The same for the one action that runs without a session (sign-up): that is its point. */
export async function runActionWithoutSession<TSchema extends z.ZodType, T extends object>(
  form: FormData,
  schema: TSchema,
  fn: (input: z.output<TSchema>) => Promise<T>,
): Promise<TActionResult<T>> {
  return settle(async () => {
    await connectDb();
    const input = parseForm(form, schema);
    return withAuditContext(requestAuditContext({ kind: "anonymous" }, clientAddressFrom(await headers()), randomUUID()), () => fn(input));
  });
}

async function settle<T extends object>(fn: () => Promise<T>): Promise<TActionResult<T>> {
  try {
    return { ok: true, ...(await fn()) };
  } catch (error) {
    return { ok: false, error: toActionError(error) };
  }
}

/**
 * The form's text entries (a name given twice keeps its last value; files are refused by every schema,
 * as no action takes one), parsed by the action's schema. The object has no prototype, so an entry named
 * `__proto__` is just a name.
 */
function parseForm<TSchema extends z.ZodType>(form: FormData, schema: TSchema): z.output<TSchema> {
  const entries: Record<string, unknown> = Object.create(null);
  for (const [name, value] of form.entries()) entries[name] = value;
  const parsed = schema.safeParse(entries);
  if (!parsed.success) throw new ValidationError("The form is incomplete.", fieldErrorsFromIssues(parsed.error.issues));
  return parsed.data;
}

/**
 * An error thrown by a service, as an action result's error. The only mapping of errors for server
 * actions. Unknown errors are logged with a request id and answered with a generic message: their text
 * never reaches the browser.
 */
function toActionError(error: unknown): TActionError {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : {}) };
  }
  const requestId = randomUUID();
  logger.error({ err: error, requestId }, "server action failed");
  return { code: "internal_error", message: `Something went wrong (reference ${requestId.slice(0, 8)}).` };
}
