// The limits one operation must stay within, so that no request can make the server do unbounded work
// (and stall everyone else's). Each is far above what the dashboard or an integrator's queries need; the
// standard introspection query passes them all. An operation over a limit is refused before anything
// runs, with extensions.code QUERY_TOO_COMPLEX and a message that names the limit, never the input.
import {
  GraphQLError,
  getNullableType,
  isListType,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import type { ApolloServerPlugin } from "@apollo/server";

export const LIMITS = {
  /** Lexical tokens of the document (checked while parsing, before anything else). */
  maxTokens: 3_000,
  /** Aliased fields of one operation: each alias of a list field runs that list again. */
  maxAliases: 30,
  /**
   * Estimated cost (see `estimateField`). The standard introspection query costs about 53,000 (its lists
   * are counted as 10 items like any other); the budgets screen with every relation and 100 usage rows
   * about 25,000.
   */
  maxCost: 60_000,
} as const;

export const QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";

/** How many items a list whose length the caller does not choose is assumed to hold. */
const ASSUMED_LIST_SIZE = 10;
/** The most a list argument such as `usage(limit:)` can ask for (the services cap it there too). */
const MAX_LIST_ARGUMENT = 100;

export function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: QUERY_TOO_COMPLEX, http: { status: 400 } } });
}

/**
 * A field costs 1 plus what its selection costs; a list field costs that once per item it may hold, so
 * nested lists multiply: `budgets { bindings { credential { budgets { id } } } }` costs 10 × 10 × 10 × ….
 */
export const estimateField: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const cost = 1 + childComplexity;
  // A connection's edges and nodes count as lists of 10; its `first` scales that to the page asked for.
  if (typeof args.first === "number") return Math.ceil((cost * Math.min(Math.max(args.first, 1), MAX_LIST_ARGUMENT)) / ASSUMED_LIST_SIZE);
  if (!isListType(getNullableType(field.type))) return cost;
  const asked = typeof args.limit === "number" ? Math.min(Math.max(args.limit, 1), MAX_LIST_ARGUMENT) : ASSUMED_LIST_SIZE;
  return asked * cost;
};

/** The estimated cost of an operation (null when its variables are invalid: execution reports that). */
export function operationCost(options: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
}): number | null {
  try {
    return getComplexity({
      schema: options.schema,
      query: options.document,
      operationName: options.operationName ?? undefined,
      variables: options.variables ?? {},
      estimators: [estimateField],
    });
  } catch {
    return null;
  }
}

/** Validation rules: the alias limit (graphql-armor's count, which follows fragments). */
export function limitRules(): ValidationRule[] {
  return [
    maxAliasesRule({
      n: LIMITS.maxAliases,
      propagateOnRejection: false,
      onReject: [(context) => context?.reportError(tooComplex(`The operation has more than ${LIMITS.maxAliases} aliases.`))],
    }),
  ];
}

/** The cost limit, checked once the operation is known (its variables can change the cost). */
export function costLimitPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const cost = operationCost({ schema, document, operationName: request.operationName, variables: request.variables });
          if (cost !== null && cost > LIMITS.maxCost) {
            throw tooComplex(`The operation's estimated cost is ${cost}; at most ${LIMITS.maxCost} is allowed.`);
          }
        },
      };
    },
  };
}

/** graphql-js's own token limit error, raised while parsing. */
export function isTokenLimitError(message: string): boolean {
  return /^Syntax Error: Document contains more that \d+ tokens/.test(message);
}
