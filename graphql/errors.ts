// The one mapping from service errors to GraphQL errors. Service errors keep their message (written for
// the caller, never containing a secret); GraphQL's own input errors are stripped of the values they
// echo; anything else becomes a generic message and is logged with the request id.
import { isIntrospectionType, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { AppError, ValidationError } from "@/lib/services/errors";
import { logger } from "@/lib/log/logger";
import { LIMITS, QUERY_TOO_COMPLEX, isTokenLimitError } from "@/graphql/limits";

const CODES: Record<string, string> = {
  invalid_input: "BAD_USER_INPUT",
  unauthorized: "UNAUTHENTICATED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
};

// Apollo's own codes for requests that do not match the schema; their messages may quote input values.
const SCHEMA_INPUT_CODES = new Set(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED"]);

type TFormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** The formatter for one schema: names the schema defines may be quoted back, anything else not. */
export function createFormatError(schema: GraphQLSchema): TFormatError {
  const known = schemaNames(schema);
  return (formatted, error) => formatError(formatted, error, known);
}

function formatError(formatted: GraphQLFormattedError, error: unknown, known: Set<string>): GraphQLFormattedError {
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
  if (isOverLimit(error) || isTokenLimitError(formatted.message)) {
    const message = isTokenLimitError(formatted.message) ? `The document has more than ${LIMITS.maxTokens} tokens.` : formatted.message;
    return { message, extensions: { code: QUERY_TOO_COMPLEX } };
  }
  const code = String(formatted.extensions?.code ?? "INTERNAL_SERVER_ERROR");
  if (SCHEMA_INPUT_CODES.has(code) || code === "BAD_REQUEST" || code === "PERSISTED_QUERY_NOT_FOUND") {
    return {
      message: withoutEchoedValues(formatted.message, known),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code },
    };
  }
  logger.error({ err: original, path: formatted.path }, "graphql resolver failed");
  return { message: "Internal error.", ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/** A limit of graphql/limits.ts refused the operation (Apollo wraps validation errors in its own). */
function isOverLimit(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 4 && e instanceof Error; i++) {
    if ((e as { extensions?: { code?: unknown } }).extensions?.code === QUERY_TOO_COMPLEX) return true;
    e = (e as { originalError?: unknown }).originalError;
  }
  return false;
}

/**
 * graphql-js quotes what the caller sent: values in coercion errors ('Variable "$input" got invalid value
 * "..." at "input.x"; Int cannot represent non-integer value: "..."', 'Expected value of type "Int!",
 * found "..."'), and tokens in syntax and validation errors ('Unexpected Name "..."', 'Cannot query field
 * "..." on type "Query"'). A secret pasted in the wrong place must not come back, so values are cut and a
 * quoted name is kept only if the schema defines it (or it is a variable's name).
 */
export function withoutEchoedValues(message: string, known: Set<string>): string {
  return message
    .replace(/ got invalid value .*? at ("[^"]*")(;.*)?$/s, " has an invalid value at $1.")
    .replace(/ got invalid value .*$/s, " has an invalid value.")
    .replace(/, found .*$/s, ".")
    .replace(/(cannot represent[^:]*): .*$/s, "$1.")
    .replace(/(Enum "[^"]*" cannot represent)[^.]*/s, "$1 this value")
    .replace(/"([^"]*)"/g, (quoted, name: string) => (isSafeName(name, known) ? quoted : '"…"'));
}

function isSafeName(name: string, known: Set<string>): boolean {
  if (/^\$[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(name)) return true; // a variable
  if (/^[A-Za-z_][A-Za-z0-9_.[\]]*$/.test(name) && name.split(/[.[\]]/).every((part) => part === "" || /^\d+$/.test(part) || known.has(part))) {
    return true; // a path such as "input.fields[0].value"
  }
  return known.has(name.replace(/[[\]!]/g, "")); // a type such as "[String!]!"
}

/** Every type, field, argument and enum value name the schema defines. */
export function schemaNames(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    names.add(type.name);
    const fields = "getFields" in type ? type.getFields() : {};
    for (const field of Object.values(fields)) {
      names.add(field.name);
      for (const arg of "args" in field ? field.args : []) names.add(arg.name);
    }
    for (const value of "getValues" in type ? type.getValues() : []) names.add(value.name);
  }
  for (const directive of schema.getDirectives()) names.add(directive.name);
  return names;
}
