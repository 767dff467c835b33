// The one mapping from service errors to GraphQL errors. Service errors keep their message (written for
// the caller, never containing a secret); GraphQL's own input errors are stripped of the values they
// echo; anything else becomes a generic message and is logged with the request id.
import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { AppError, ValidationError } from "@/lib/services/errors";
import { logger } from "@/lib/log/logger";

const CODES: Record<string, string> = {
  invalid_input: "BAD_USER_INPUT",
  unauthorized: "UNAUTHENTICATED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
};

// Apollo's own codes for requests that do not match the schema; their messages may quote input values.
const SCHEMA_INPUT_CODES = new Set(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED"]);

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return {
      message: original.message,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: {
        code: CODES[original.code] ?? "INTERNAL_SERVER_ERROR",
        ...(original instanceof ValidationError ? { fieldErrors: original.fieldErrors } : {}),
      },
    };
  }
  const code = String(formatted.extensions?.code ?? "INTERNAL_SERVER_ERROR");
  if (SCHEMA_INPUT_CODES.has(code) || code === "BAD_REQUEST" || code === "PERSISTED_QUERY_NOT_FOUND") {
    return { message: withoutEchoedValues(formatted.message), extensions: { code } };
  }
  logger.error({ err: original, path: formatted.path }, "graphql resolver failed");
  return { message: "Internal error.", ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/**
 * graphql-js quotes the offending value in coercion errors ('Variable "$input" got invalid value "..." at
 * "input.x"; Int cannot represent non-integer value: "..."', 'Expected value of type "Int!", found "...".').
 * A mistyped secret must not come back in an error, so those parts are cut.
 */
export function withoutEchoedValues(message: string): string {
  return message
    .replace(/ got invalid value .*? at ("[^"]*")(;.*)?$/s, " has an invalid value at $1.")
    .replace(/ got invalid value .*$/s, " has an invalid value.")
    .replace(/, found .*$/s, ".")
    .replace(/(cannot represent[^:]*): .*$/s, "$1.")
    .replace(/(Enum "[^"]*" cannot represent)[^.]*/s, "$1 this value");
}
