// One error model for every transport. Services throw these; each transport maps them once (GraphQL
// extensions.code, REST { error: { code, ... } } with its status, server-action results). Messages are
// written for the caller and never contain a secret value.
export type TFieldErrors = Record<string, string[]>;

export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
}

export class ValidationError extends AppError {
  readonly code = "invalid_input";
  readonly status = 400;
  constructor(
    message: string,
    readonly fieldErrors: TFieldErrors = {},
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = "unauthorized";
  readonly status = 401;
  constructor(message = "Sign in or send a valid token.") {
    super(message);
  }
}

/** A part this request needs (the database) is away for now: 503, with a Retry-After. */
export class ServiceUnavailableError extends AppError {
  readonly code = "service_unavailable";
  readonly status = 503;
}

/** Also what another owner's record answers: existence is never revealed across owners. */
export class NotFoundError extends AppError {
  readonly code = "not_found";
  readonly status = 404;
  constructor(what: string) {
    super(`${what} not found.`);
  }
}

export class ConflictError extends AppError {
  readonly code = "conflict";
  readonly status = 409;
}

/** Turns zod issues into field errors keyed by dotted path, without echoing input values. */
export function fieldErrorsFromIssues(issues: { path: PropertyKey[]; message: string }[]): TFieldErrors {
  const out: TFieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

// Errors of the agent route. `details` travel with the error to the caller (ids, links; never secrets).
export class InvokeError extends AppError {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class MissingCredentialError extends InvokeError {
  constructor(details: { tool: string; budgetId: string; setupUrl: string }) {
    super(
      "missing_credential",
      424,
      `This budget has no credential for "${details.tool}". Add one at setupUrl; the agent can retry once it is bound.`,
      details,
    );
  }
}
